// Pure, build time: the one front-matter splitter (the same split as Contentlayer's gray-matter):
// a leading block between `---` lines, then the body.
export type SplitSource = {
  yaml: string;
  body: string;
  /** The line of the file on which the body starts. */
  bodyLine: number;
};

export function splitFrontMatter(text: string): SplitSource | null {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!normalised.startsWith('---\n')) return null;
  const end = normalised.indexOf('\n---', 3);
  if (end < 0) return null;
  const after = normalised.indexOf('\n', end + 4);
  const yaml = normalised.slice(4, end + 1);
  const body = after < 0 ? '' : normalised.slice(after + 1);
  return { yaml, body, bodyLine: yaml.split('\n').length + 2 };
}
