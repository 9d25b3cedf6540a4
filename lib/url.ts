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

/**
 * What a route parameter can stand for. A tag may itself hold a `%` (50%增长), so a parameter
 * that arrives already decoded must not be decoded a second time: the caller tries the value as
 * it came, then decoded, and keeps the first that names something.
 */
export function segmentCandidates(segment: string): string[] {
  const candidates = [segment.normalize('NFC')];
  const decoded = decodeSegment(segment);
  if (decoded !== null && decoded !== candidates[0]) candidates.push(decoded);
  return candidates;
}

/**
 * A path as a browser sends a typed or pasted URL holding a bare `%` (/tags/50%增长 goes out as
 * /tags/50%%E5%A2%9E%E9%95%BF): each `%` that starts no escape made one (%25). Undefined when
 * there is none, or when the path is still malformed after that.
 */
export function escapeBarePercents(pathname: string): string | undefined {
  const repaired = pathname.replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
  if (repaired === pathname) return undefined;
  try {
    decodeURIComponent(repaired);
    return repaired;
  } catch {
    return undefined;
  }
}
