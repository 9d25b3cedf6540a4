// For load balancers and uptime checks; it does nothing, which also makes it the baseline the
// view benchmark compares against.
import { NO_STORE } from '@/lib/cache/page-cache';

export function GET() {
  return new Response(null, { status: 204, headers: { 'cache-control': NO_STORE } });
}

export const POST = GET;
