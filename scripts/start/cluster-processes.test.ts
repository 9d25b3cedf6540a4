import { describe, expect, it } from 'vitest';
import { freePort, outgoingPortRange } from './cluster-processes';

describe('freePort', () => {
  it('takes ports below the range the kernel gives outgoing connections, each one free and handed out once', async () => {
    const range = outgoingPortRange();
    // Debian's default, as on the CI machine; a port from it (listen on 0) could become the
    // local end of a connection before the process that is to listen on it starts.
    expect(range?.[0]).toBeGreaterThan(21_000);
    // One after another, as a cluster starts (each port is closed again when it is handed out),
    // and many more than a cluster takes, so that two random picks would almost surely meet.
    const ports: number[] = [];
    for (let n = 0; n < 500; n += 1) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(range?.[0] ?? 0);
    }
  });
});
