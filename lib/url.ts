// Pure: route segments may reach a page still percent-encoded (prerendered non-ASCII paths) or
// already decoded (on-demand requests); normalise both, and refuse malformed escapes.
export function decodeSegment(segment: string): string | null {
  if (!segment.includes('%')) return segment.normalize('NFC');
  try {
    return decodeURIComponent(segment).normalize('NFC');
  } catch {
    return null;
  }
}
