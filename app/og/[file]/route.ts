import { socialCardResponse } from '@/lib/seo/social-card';

export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  return socialCardResponse((await params).file, new URL(request.url).searchParams.get('v'));
}
