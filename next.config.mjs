/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Tests start a second server on a copy of the build; nothing else sets it.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The content index is read from .contentlayer at run time; keep it out of the bundles.
  outputFileTracingIncludes: { '/*': ['./.contentlayer/app/**', './assets/fonts/**'] },
  async rewrites() {
    return {
      // Before the filesystem, or the category catch-all page would claim feed.xml as a path.
      beforeFiles: [{ source: '/category/:path+/feed.xml', destination: '/feeds/category/:path+' }],
    };
  },
};

export default nextConfig;
