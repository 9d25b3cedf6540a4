// A bare Next 16 page holding the same article as the site's, for the benchmarks that measure
// the site against the App Router's floor (bench-lighthouse.ts, bench-interactions.ts). Built
// outside the checkout (inside it, Next would take the site's proxy and instrumentation for the
// bare app's), with a hard-linked copy of node_modules: Turbopack compiles nothing outside its root.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bodyFile } from '../../lib/content/paths';

export type Summary = {
  slug: string;
  /** The hash naming its compiled body (lib/content/paths.ts). */
  body: string;
  title: string;
  cover?: string;
  coverAlt?: string;
  coverWidth?: number;
  coverHeight?: number;
};

/**
 * Builds a bare Next 16 App Router page holding `article` (its title, cover through next/image
 * and body; no lists, no header) in `dir`, from the checkout's node_modules and the site's
 * content build. `extra` is markup put before the title as it is (the interaction benchmark's
 * menu and share panel, without script).
 */
export function buildBare(root: string, dir: string, article: Summary, extra = '') {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'app'), { recursive: true });
  const body = readFileSync(bodyFile(article.body), 'utf8');
  cpSync(path.join(root, 'public'), path.join(dir, 'public'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  execFileSync('cp', ['-al', path.join(root, 'node_modules'), path.join(dir, 'node_modules')]);
  writeFileSync(
    path.join(dir, 'next.config.mjs'),
    `export default { images: { formats: ['image/avif', 'image/webp'] } };\n`,
  );
  writeFileSync(
    path.join(dir, 'app', 'layout.tsx'),
    `export default function Layout({ children }: { children: React.ReactNode }) {
  return <html lang="zh-CN"><body>{children}</body></html>;
}
`,
  );
  const cover = article.cover
    ? `<Image src=${JSON.stringify(article.cover)} alt=${JSON.stringify(article.coverAlt ?? '')} width={${article.coverWidth}} height={${article.coverHeight}} sizes="100vw" style={{ width: '100%', height: 'auto' }} priority />`
    : '';
  writeFileSync(
    path.join(dir, 'app', 'page.tsx'),
    `import Image from 'next/image';
export default function Page() {
  return (
    <main>${
      extra
        ? `
      <div dangerouslySetInnerHTML={{ __html: ${JSON.stringify(extra)} }} />`
        : ''
    }
      <h1>${article.title}</h1>
      ${cover}
      <div dangerouslySetInnerHTML={{ __html: ${JSON.stringify(body)} }} />
    </main>
  );
}
`,
  );
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        jsx: 'preserve',
        strict: false,
        skipLibCheck: true,
        esModuleInterop: true,
        moduleResolution: 'bundler',
        module: 'esnext',
        target: 'es2022',
        lib: ['dom', 'esnext'],
        isolatedModules: true,
        noEmit: true,
        allowJs: true,
      },
    }),
  );
  try {
    execFileSync(process.execPath, [path.join(dir, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`the bare page did not build:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}
