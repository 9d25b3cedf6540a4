import type { DestinationStream, Logger } from 'pino';

export declare function createLogger(options?: {
  level?: string;
  destination?: DestinationStream;
}): Logger;
export declare function logger(): Logger;
export declare const log: {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};
export declare function consoleToLog(target?: Console, to?: Logger): void;
