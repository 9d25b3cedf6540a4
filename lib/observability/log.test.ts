import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { consoleToLog, createLogger } from './log.mjs';

/** A logger whose lines are kept, and those lines parsed. */
function capture(level?: string) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level, destination });
  return {
    logger,
    lines,
    parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('the server log', () => {
  it('writes one JSON object per line: level as a word, ISO time, pid, message and fields', () => {
    const { logger, parsed } = capture();
    logger.info({ reqId: 'r1', route: 'article', status: 200, ms: 3.2 }, 'request');
    const [line] = parsed();
    expect(line).toMatchObject({
      level: 'info',
      pid: process.pid,
      reqId: 'r1',
      route: 'article',
      status: 200,
      ms: 3.2,
      msg: 'request',
    });
    expect(new Date(line?.time as string).toISOString()).toBe(line?.time);
  });

  it('keeps to LOG_LEVEL, and an unknown level is info rather than a crash', () => {
    const warn = capture('warn');
    warn.logger.info('not written');
    warn.logger.warn('written');
    expect(warn.parsed().map((line) => line.msg)).toEqual(['written']);
    const unknown = capture('verbose');
    unknown.logger.debug('not written');
    unknown.logger.info('written');
    expect(unknown.parsed().map((line) => line.msg)).toEqual(['written']);
  });

  it('turns console output, a stack trace too, into one JSON line per call', () => {
    const { logger, lines, parsed } = capture();
    const target = { ...console } as Console;
    consoleToLog(target, logger);
    const error = new Error('boom');
    target.error('⨯ render failed', error);
    target.warn('a %s warning', 'formatted');
    target.log('ready');
    expect(lines).toHaveLength(3);
    const [failed, warned, ready] = parsed();
    expect(failed).toMatchObject({ level: 'error' });
    expect(failed?.msg).toContain('⨯ render failed Error: boom\n    at ');
    expect(warned).toMatchObject({ level: 'warn', msg: 'a formatted warning' });
    expect(ready).toMatchObject({ level: 'info', msg: 'ready' });
  });
});
