// For load balancers and uptime checks; it does nothing, which also makes it the baseline the
// view benchmark compares against.
export const dynamic = 'force-dynamic';

export function GET() {
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
}

export const POST = GET;
