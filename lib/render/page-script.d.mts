export const PAGE_SCRIPT: string;
export function isNextScript(text: string): boolean;
export function isPageScript(text: string): boolean;
export function withPageScript(html: string, options?: { keepNext?: boolean }): string;
