// Pure: page slicing and the /page/N URL segments shared by category and tag lists.
export type Page<T> = { items: T[]; page: number; totalPages: number; total: number };

export function paginate<T>(items: T[], page: number, size: number): Page<T> | null {
  const totalPages = Math.max(1, Math.ceil(items.length / size));
  if (!Number.isInteger(page) || page < 1 || page > totalPages) return null;
  return {
    items: items.slice((page - 1) * size, page * size),
    page,
    totalPages,
    total: items.length,
  };
}

/**
 * Splits ['qinggan', 'gushi', 'page', '2'] into the path and the page number. `/page/1` is not a
 * valid URL (page 1 has one canonical address), nor is anything but a plain positive integer.
 */
export function splitPagedSegments(segments: string[]): { path: string[]; page: number } | null {
  const n = segments.length;
  if (n >= 2 && segments[n - 2] === 'page') {
    const raw = segments[n - 1] ?? '';
    if (!/^[1-9]\d{0,5}$/.test(raw) || raw === '1') return null;
    return { path: segments.slice(0, n - 2), page: Number(raw) };
  }
  return { path: segments, page: 1 };
}
