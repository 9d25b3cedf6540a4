// Pure: deploy/nginx.conf made runnable on one machine. Only the lines the file marks "EDIT:" are
// replaced (the instances, the port, the paths), and every one of them must be found, so the
// cluster trial and the tests run the shipped configuration and notice when it changes shape.

export type NginxSiteOptions = {
  /** Where nginx listens. */
  listen: { host: string; port: number };
  /** The instances, as host:port. */
  instances: string[];
  paths: {
    /** Directories nginx writes its page and card caches to. */
    pageCache: string;
    cardCache: string;
    /** The build's static files (a `.next/static` directory). */
    static: string;
    /** The site's public/ directory. */
    public: string;
  };
};

function replaceMarked(
  text: string,
  marker: string,
  replace: (line: string) => string,
): { text: string; count: number } {
  let count = 0;
  const lines = text.split('\n').map((line) => {
    if (!line.trimEnd().endsWith(`# EDIT: ${marker}`)) return line;
    count += 1;
    return replace(line);
  });
  return { text: lines.join('\n'), count };
}

/** The site file with the marked lines set to `options`; throws when a marker is missing. */
export function nginxSite(template: string, options: NginxSiteOptions): string {
  let text = template;
  const edit = (marker: string, pattern: RegExp, value: string) => {
    const result = replaceMarked(text, marker, (line) => {
      if (!pattern.test(line)) throw new Error(`deploy/nginx.conf: "${marker}" line changed shape`);
      return line.replace(pattern, (_, before: string) => `${before}${value}`);
    });
    if (result.count !== 1) {
      throw new Error(
        `deploy/nginx.conf: expected one "# EDIT: ${marker}" line, found ${result.count}`,
      );
    }
    text = result.text;
  };
  const slash = (dir: string) => (dir.endsWith('/') ? dir : `${dir}/`);
  edit('path page-cache', /(proxy_cache_path )\S+/, options.paths.pageCache);
  edit('path card-cache', /(proxy_cache_path )\S+/, options.paths.cardCache);
  edit('path static', /(alias )[^;]+/, slash(options.paths.static));
  edit('path public', /(root )[^;]+/, options.paths.public);
  edit('port', /(listen )[^;]+/, `${options.listen.host}:${options.listen.port}`);

  const begin = text.indexOf('# EDIT: instances (one');
  const end = text.indexOf('# EDIT: instances (end)');
  if (begin < 0 || end < begin)
    throw new Error('deploy/nginx.conf: the instances block is missing');
  const blockStart = text.indexOf('\n', begin) + 1;
  const block = text.slice(blockStart, end);
  const sample = /^(\s*)server \S+(.*)$/m.exec(block);
  if (!sample) throw new Error('deploy/nginx.conf: the instances block has no server line');
  const [, indent, parameters] = sample;
  const servers = options.instances.map((address) => `${indent}server ${address}${parameters}\n`);
  const endLineStart = text.lastIndexOf('\n', end) + 1;
  return text.slice(0, blockStart) + servers.join('') + text.slice(endLineStart);
}

/**
 * A main configuration with what Debian's /etc/nginx/nginx.conf gives a site (the same worker,
 * mime, sendfile and gzip settings), but with every file under `prefix`, so that a process that is
 * not root, or a second nginx beside the system's, can run it in the foreground.
 */
export function nginxMain(options: { prefix: string; site: string; root: boolean }): string {
  const { prefix } = options;
  return [
    // As root, workers would switch to "nobody", who may not write the temporary directory.
    options.root ? 'user root;' : '',
    'worker_processes auto;',
    `pid ${prefix}/nginx.pid;`,
    // On stderr, where the cluster script and the tests read every process's output.
    'error_log stderr;',
    'events { worker_connections 768; }',
    'http {',
    '  sendfile on;',
    '  tcp_nopush on;',
    '  types_hash_max_size 2048;',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    `  access_log ${prefix}/access.log;`,
    '  gzip on;',
    `  client_body_temp_path ${prefix}/temp/body;`,
    `  proxy_temp_path ${prefix}/temp/proxy;`,
    `  fastcgi_temp_path ${prefix}/temp/fastcgi;`,
    `  uwsgi_temp_path ${prefix}/temp/uwsgi;`,
    `  scgi_temp_path ${prefix}/temp/scgi;`,
    `  include ${options.site};`,
    '}',
  ]
    .filter(Boolean)
    .map((line) => `${line}\n`)
    .join('');
}
