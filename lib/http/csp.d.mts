export declare const DOCUMENT_FREE_CSP: string;
export declare function inlineHashes(html: string): { scripts: string[]; styles: string[] };
export declare function pageCsp(html: string, options: { https: boolean }): string;
export declare function nonceCsp(nonce: string, options: { https: boolean }): string;
export function isOwnScript(text: string): boolean;
