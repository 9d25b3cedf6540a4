import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

const config = [
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    // Plain links on purpose: full page loads suit a static news site, keep next/link's client
    // code out of the first load, and never prefetch (a prefetch must not look like a view).
    rules: { '@next/next/no-html-link-for-pages': 'off' },
  },
  {
    ignores: [
      '.next/**',
      // Copies of the build that servers of their own run on (e2e/own-server.ts).
      '.next-own-*/**',
      '.contentlayer/**',
      'node_modules/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
      'bench/out/**',
    ],
  },
];

export default config;
