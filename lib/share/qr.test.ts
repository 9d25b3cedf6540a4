import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { qrPath, weiboShareUrl } from './qr';

describe('share', () => {
  it('draws exactly the dark modules of the QR code of the URL', () => {
    const url = 'https://news.example.com/articles/chengdu-wuhou-minzu-tuanjie';
    const { size, d } = qrPath(url);
    const { data } = encode(url, { ecc: 'M', border: 2 });
    expect(size).toBe(data.length);
    const drawn = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
    for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1H\d+z/g)) {
      for (let i = 0; i < Number(w); i += 1) drawn[Number(y)]![Number(x) + i] = true;
    }
    expect(drawn).toEqual(data);
  });

  it('links to Weibo with the URL and title encoded', () => {
    expect(weiboShareUrl('https://a.cn/x?y=1', '标题 & 副题')).toBe(
      'https://service.weibo.com/share/share.php?url=https%3A%2F%2Fa.cn%2Fx%3Fy%3D1&title=%E6%A0%87%E9%A2%98+%26+%E5%89%AF%E9%A2%98',
    );
  });
});
