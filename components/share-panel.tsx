type Props = {
  url: string;
  /** The article's own path: its QR code is at <path>/qr.svg. */ path: string;
};

/**
 * 分享: the link to copy, Weibo's share page and a WeChat QR code drawn on the server as SVG. A <details>
 * opens it: no JavaScript, and nothing from Weibo or WeChat loads until a reader follows a link.
 * With script, a 复制链接 button copies the link and says so (lib/render/page-script.mjs).
 */
export function SharePanel({ url, path }: Props) {
  return (
    <details className="share mt-3 text-sm print:hidden">
      <summary>分享</summary>
      <div>
        <div>
          <p className="share-copy">
            <label htmlFor="share-url">复制链接（长按或全选后复制）</label>
            {/* The page script adds a 复制链接 button and its live region: without script the link
                is copied by hand, and the page carries no button that would do nothing. */}
            <input id="share-url" readOnly value={url} />
          </p>
          <p>
            <a href={`${path}/weibo`} rel="nofollow noopener noreferrer">
              分享到微博
            </a>
          </p>
        </div>
        <figure>
          {/* Drawn on the server (app/articles/[slug]/qr.svg); loads when 分享 opens. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={`${path}/qr.svg`}
            alt="本文链接的二维码"
            width={128}
            height={128}
            loading="lazy"
          />
          <figcaption>微信扫一扫，分享给朋友</figcaption>
        </figure>
      </div>
    </details>
  );
}
