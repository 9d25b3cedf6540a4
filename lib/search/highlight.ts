// Pure: an excerpt around the best match, as text segments; the page renders matches in <mark>.
export type Segment = { text: string; match: boolean };

export function excerptSegments(text: string, needles: string[], size = 120): Segment[] {
  const lower = text.toLowerCase();
  const sorted = [...new Set(needles.map((needle) => needle.toLowerCase()).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  let first = -1;
  for (const needle of sorted) {
    const at = lower.indexOf(needle);
    if (at >= 0) {
      first = at;
      break;
    }
  }
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(size / 3));
  const end = Math.min(text.length, start + size);
  const window = text.slice(start, end);
  const windowLower = lower.slice(start, end);
  const segments: Segment[] = [];
  let cursor = 0;
  while (cursor < window.length) {
    let best: { at: number; length: number } | undefined;
    for (const needle of sorted) {
      const at = windowLower.indexOf(needle, cursor);
      if (at >= 0 && (!best || at < best.at || (at === best.at && needle.length > best.length))) {
        best = { at, length: needle.length };
      }
    }
    if (!best) {
      segments.push({ text: window.slice(cursor), match: false });
      break;
    }
    if (best.at > cursor) segments.push({ text: window.slice(cursor, best.at), match: false });
    segments.push({ text: window.slice(best.at, best.at + best.length), match: true });
    cursor = best.at + best.length;
  }
  if (start > 0) segments.unshift({ text: '…', match: false });
  if (end < text.length) segments.push({ text: '…', match: false });
  return segments;
}
