'use client';

// What a reader sees when rendering a page fails on the server: a Chinese message and a way on.
// The error's details stay in the server log; only its digest is shown, for reports.
export default function ErrorPage({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return (
    <div className="bg-white px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">抱歉，页面暂时无法显示</h1>
      <p className="mt-2 text-muted">服务器出了点问题，请稍后再试。</p>
      {error.digest && <p className="mt-1 text-xs text-muted">错误编号：{error.digest}</p>}
      <p className="mt-6 flex justify-center gap-3">
        <button
          type="button"
          onClick={() => retry()}
          className="rounded bg-brand px-5 py-2 text-white hover:bg-brand-dark"
        >
          重试
        </button>
        <a href="/" className="rounded border border-line px-5 py-2 hover:border-brand">
          返回首页
        </a>
      </p>
    </div>
  );
}
