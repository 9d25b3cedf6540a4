import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheProfiles } from '../../lib/cache/profiles.mjs';
import { nginxMain, nginxSite } from './nginx-site';

const template = readFileSync(path.join(__dirname, '..', '..', 'deploy', 'nginx.conf'), 'utf8');
const options = {
  listen: { host: '127.0.0.1', port: 4480 },
  instances: ['127.0.0.1:4481', '127.0.0.1:4482', '127.0.0.1:4483'],
  paths: {
    pageCache: '/tmp/x/pages',
    cardCache: '/tmp/x/cards',
    static: '/tmp/x/static',
    public: '/tmp/x/public',
  },
};

/** The directives of a location block, as written. */
function location(config: string, name: string): string {
  const start = config.indexOf(`location ${name} {`);
  expect(start, name).toBeGreaterThan(-1);
  return config.slice(start, config.indexOf('\n    }', start));
}

describe('deploy/nginx.conf', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nginx-site-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('changes only the marked lines: instances, port and paths', () => {
    const site = nginxSite(template, options);
    expect(site).toContain('listen 127.0.0.1:4480;');
    expect(site).toContain('keys_zone=news_pages');
    expect(site).toContain('proxy_cache_path /tmp/x/pages levels');
    expect(site).toContain('proxy_cache_path /tmp/x/cards levels');
    expect(site).toContain('alias /tmp/x/static/;');
    expect(site).toContain('root /tmp/x/public;');
    for (const address of options.instances) {
      expect(site).toContain(`server ${address} max_fails=1 fail_timeout=5s;`);
    }
    expect(site).not.toContain('3001');
    const changed = site.split('\n').filter((line) => !template.includes(line));
    expect(changed).toHaveLength(5 + options.instances.length);
  });

  it('says a marker is missing instead of running something else', () => {
    expect(() => nginxSite(template.replace('# EDIT: port', ''), options)).toThrow(/port/);
  });

  it('uses the lifetimes of lib/cache/profiles.mjs', () => {
    expect(template).toMatch(
      new RegExp(`keys_zone=news_pages:\\S+ .*inactive=${cacheProfiles.pages.expire}s`),
    );
    expect(template).toMatch(
      new RegExp(`keys_zone=news_cards:\\S+ .*inactive=${cacheProfiles.nginx.idleCards / 86_400}d`),
    );
    expect(location(template, '/')).toContain(
      `"public, max-age=${cacheProfiles.nginx.publicFiles}"`,
    );
    expect(location(template, '/_next/static/')).toContain(
      `"public, max-age=${cacheProfiles.nginx.buildFiles}, immutable"`,
    );
    // No lifetime of its own for pages: the site's Cache-Control decides.
    expect(template).not.toMatch(/proxy_cache_valid/);
  });

  it('never caches the view API, and keeps payload requests out of the page cache', () => {
    expect(location(template, '/api/')).not.toMatch(/proxy_cache /);
    const pages = location(template, '@news');
    expect(pages).toContain('proxy_cache news_pages;');
    expect(pages).toContain('proxy_cache_bypass $news_rsc_request;');
    expect(pages).toContain('proxy_no_cache $news_rsc_request;');
    expect(pages).toContain('proxy_ignore_headers Vary;');
  });

  it('passes draft previews to the instances without any cache, and no file lookup first', () => {
    const previews = location(template, '/preview/');
    expect(previews).toContain('proxy_pass http://news_instances;');
    expect(previews).not.toMatch(/proxy_cache|try_files|root /);
  });

  it('is a valid configuration for Debian nginx', () => {
    const site = path.join(dir, 'news.conf');
    writeFileSync(
      site,
      nginxSite(template, {
        ...options,
        paths: {
          pageCache: path.join(dir, 'pages'),
          cardCache: path.join(dir, 'cards'),
          static: dir,
          public: dir,
        },
      }),
    );
    mkdirSync(path.join(dir, 'temp'));
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      nginxMain({ prefix: dir, site, root: process.getuid?.() === 0 }),
    );
    const result = spawnSync(
      '/usr/sbin/nginx',
      ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')],
      { encoding: 'utf8' },
    );
    expect(result.error, 'Debian nginx at /usr/sbin/nginx (apt-get install nginx)').toBeUndefined();
    expect(result.stderr).toContain('syntax is ok');
    expect(result.status, result.stderr).toBe(0);
  });
});
