// /<INDEXNOW_KEY>.txt (rewritten here by next.config.mjs): lib/push/key-file.ts.
import { indexNowKeyResponse } from '@/lib/push/key-file';

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  return indexNowKeyResponse((await params).key);
}
