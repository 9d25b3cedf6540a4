import { weiboResponse } from '@/lib/share/weibo-response';

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return weiboResponse((await params).slug);
}
