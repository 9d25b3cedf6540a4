export function scriptsAfterFirstPaint(html: string): string;
export function isScriptsLoader(text: string): boolean;
