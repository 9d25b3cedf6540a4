import { qrResponse } from '@/lib/share/qr-response';

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return qrResponse((await params).slug);
}
