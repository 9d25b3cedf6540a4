import { weiboShareUrl } from '@/lib/share/qr';

type Props = {
  url: string;
  title: string;
  /** The article's own path: its QR code is at <path>/qr.svg. */ path: string;
};

/**
 * 分享: the link to copy, Weibo's share page and a WeChat QR code drawn on the server as SVG. A <details>
 * opens it: no JavaScript, and nothing from Weibo or WeChat loads until a reader follows a link.
 */
export function SharePanel({ url, title, path }: Props) {
  return (
    <details className="share mt-3 text-sm print:hidden">
      <summary className="inline-block cursor-pointer rounded border border-line px-3 py-1 text-muted hover:border-brand hover:text-brand">
        分享
      </summary>
      <div className="mt-2 flex flex-wrap items-start gap-4 rounded border border-line bg-paper p-4">
        <div className="min-w-0 flex-1 basis-56 space-y-3">
          <p>
            <label htmlFor="share-url" className="block text-muted">
              复制链接（长按或全选后复制）
            </label>
            <input
              id="share-url"
              readOnly
              value={url}
              className="mt-1 w-full rounded border border-line bg-white px-2 py-1 text-ink"
            />
          </p>
          <p>
            <a
              href={weiboShareUrl(url, title)}
              rel="noopener noreferrer"
              className="inline-block rounded bg-brand px-3 py-1 text-white hover:bg-brand-dark"
            >
              分享到微博
            </a>
          </p>
        </div>
        <figure className="text-center text-xs text-muted">
          {/* Drawn on the server (app/articles/[slug]/qr.svg); loads when 分享 opens. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={`${path}/qr.svg`}
            alt="本文链接的二维码"
            width={128}
            height={128}
            loading="lazy"
            className="bg-white"
          />
          <figcaption className="mt-1">微信扫一扫，分享给朋友</figcaption>
        </figure>
      </div>
    </details>
  );
}
