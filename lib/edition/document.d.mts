export function documentLanguage(html: string): string;
