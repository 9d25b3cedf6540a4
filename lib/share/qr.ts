// Pure: a QR code as one SVG path, drawn on the server (WeChat shares by scanning a link).
// Each row's dark runs become one rectangle each: a short path, no client code.
import { encode } from 'uqr';

export type QrPath = { size: number; d: string };

export function qrPath(text: string): QrPath {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let d = '';
  data.forEach((row, y) => {
    for (let x = 0; x < size; x += 1) {
      if (!row[x]) continue;
      let end = x;
      while (end + 1 < size && row[end + 1]) end += 1;
      d += `M${x} ${y}h${end - x + 1}v1H${x}z`;
      x = end;
    }
  });
  return { size, d };
}

/** Weibo's share page for a URL and title (a plain link: nothing loads until it is followed). */
export function weiboShareUrl(url: string, title: string): string {
  const params = new URLSearchParams({ url, title });
  return `https://service.weibo.com/share/share.php?${params.toString()}`;
}
