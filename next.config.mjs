/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The content index is read from .contentlayer at run time; keep it out of the bundles.
  outputFileTracingIncludes: { '/*': ['./.contentlayer/app/**'] },
};

export default nextConfig;
