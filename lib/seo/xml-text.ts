// Pure: text that XML 1.0 can carry. A character it forbids (control characters, U+FFFE/U+FFFF,
// a lone surrogate) makes the whole file unreadable to a parser, so it is dropped.
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(text: string): string {
  return text.replace(FORBIDDEN, '');
}
