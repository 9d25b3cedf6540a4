export function parseListenAddress(source: Record<string, string | undefined>): {
  port: number;
  host: string;
};
export declare function defaultSiteUrl(source: Record<string, string | undefined>): string;
