export declare const NON_DOCUMENT_ROUTES: string[];
export declare function securityHeaders(site: {
  https: boolean;
}): { source: string; headers: { key: string; value: string }[] }[];
