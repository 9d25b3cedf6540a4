import type { Metadata } from 'next';

export const metadata: Metadata = { title: '页面不存在', robots: { index: false, follow: true } };

export default function NotFound() {
  return (
    <div className="bg-white px-4 py-16 text-center">
      <p className="text-6xl font-black text-brand">404</p>
      <h1 className="mt-4 text-2xl font-bold">抱歉，您访问的页面不存在</h1>
      <p className="mt-2 text-muted">文章可能已删除或地址有误。</p>
      <p className="mt-6">
        <a href="/" className="rounded bg-brand px-5 py-2 text-white hover:bg-brand-dark">
          返回首页
        </a>
      </p>
    </div>
  );
}
