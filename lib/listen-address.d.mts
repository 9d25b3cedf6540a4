export function parseListenAddress(source: Record<string, string | undefined>): {
  port: number;
  host: string;
};
