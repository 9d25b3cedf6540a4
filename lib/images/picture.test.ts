import { describe, expect, it } from 'vitest';
import { imgAttributes, responsiveBody } from './picture';

const cover = { src: '/images/2024/01/图.jpg', alt: '石榴树', width: 1600, height: 900 };

describe('pictures through the optimiser', () => {
  it('gives the cover a srcset, its size and a high priority, never lazy', () => {
    const img = imgAttributes(cover, { sizes: '100vw', priority: true });
    expect(img).toMatchObject({ width: 1600, height: 900, fetchPriority: 'high', alt: '石榴树' });
    expect(img.loading).toBeUndefined();
    expect(img.srcSet).toMatch(
      /\/_next\/image\?url=%2Fimages%2F2024%2F01%2F%E5%9B%BE\.jpg&w=\d+&q=\d+ \d+w/,
    );
  });

  it('gives a thumbnail its display size, 1x and 2x, lazy and async', () => {
    const img = imgAttributes(cover, { width: 160 });
    expect(img).toMatchObject({ width: 160, height: 90, loading: 'lazy', decoding: 'async' });
    expect(img.srcSet).toMatch(/ 1x, .* 2x$/);
    expect(img.fetchPriority).toBeUndefined();
  });

  it('adds a srcset to the body pictures the content build sized, and leaves others alone', () => {
    const html =
      '<figure><img src="/images/a.jpg" alt="图 &quot;一&quot;" width="1200" height="800" loading="lazy" decoding="async"><figcaption>注</figcaption></figure>' +
      '<p><img src="/images/b.jpg" alt="无尺寸"></p>';
    const out = responsiveBody(html);
    expect(out).toMatch(
      /<img src="\/_next\/image\?url=%2Fimages%2Fa\.jpg&amp;w=\d+&amp;q=\d+" srcset="[^"]+ 640w[^"]*" sizes="[^"]+" alt="图 &quot;一&quot;" width="1200" height="800" loading="lazy" decoding="async">/,
    );
    expect(out).toContain('<img src="/images/b.jpg" alt="无尺寸">');
  });
});
