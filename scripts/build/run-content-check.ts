// The content check (`npm run content:check`, and the first step of a publish, scripts/build/check-and-build.ts):
// validates the content directory without a Next build. Without --fix only new and changed files
// are read and checked: the others' facts come from the build cache
// (lib/pipeline/incremental-check.ts, docs/adr/028-incremental-content-check.md).
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '../../lib/env';
import { BUILD_CACHE_FILE, openBuildCache } from '../../lib/pipeline/build-cache';
import { checkCodeVersion } from '../../lib/pipeline/build-version';
import {
  checkContent,
  formatProblem,
  type Problem,
  type PublicFiles,
  type SourceFile,
} from '../../lib/pipeline/check';
import { openCheckStore } from '../../lib/pipeline/check-state';
import { checkContentDir, usableSince } from '../../lib/pipeline/incremental-check';
import { changedBetween } from '../../lib/pipeline/source-changes';
import type { SourceHash } from '../../lib/pipeline/source-hashes';
import { readImageCatalog } from '../../lib/pipeline/images';
import { fixPunctuation } from '../../lib/pipeline/punctuation';
import { CONTACT_PAGE, checkPlaceholders } from '../../lib/pipeline/placeholder-check';
import { siteConfig } from '../../config/site';
import { listSourceFiles } from '../../lib/pipeline/source-files';

const QUIET_WARNINGS = 5;

export type CheckOutcome = {
  ok: boolean;
  /**
   * Every source file's content hash as the check found it (not with --fix): the content build
   * run in the same process (check-and-build.ts) takes them instead of a second pass. With
   * `partial`, only those of the files changed since the check's last run (from git).
   */
  hashes?: SourceHash[];
  partial?: boolean;
  /** The commit the content directory is exactly at, when it is one and has no symbolic link. */
  at?: string;
};

/**
 * Checks the content directory and prints its problems. quiet (the build): errors, and only the
 * first few warnings with the command that lists them all. fix: rewrites half-width punctuation
 * in Chinese text first, reading every file.
 */
export async function runContentCheck({
  quiet,
  fix,
  at,
}: {
  quiet: boolean;
  fix: boolean;
  /**
   * The commit the content directory is exactly at (cleanCommit, source-changes.ts): the check
   * reads only the files changed since the commit of its last run.
   */
  at?: string;
}): Promise<CheckOutcome> {
  const contentDir = path.resolve(env.contentDir);
  const publicDir = path.resolve('public');
  const started = performance.now();
  if (!existsSync(contentDir)) {
    console.error(`content directory not found: ${contentDir}`);
    return { ok: false };
  }
  // The files changed since the last run, from git, when it was at a commit and still is: every
  // file is listed and asked for its stat otherwise (about 20 s at 1,000,000).
  const cache = fix ? undefined : openBuildCache(BUILD_CACHE_FILE);
  const store = fix ? undefined : openCheckStore(BUILD_CACHE_FILE, contentDir);
  const version = checkCodeVersion();
  const totals = store?.totals();
  const changes =
    at && totals?.sourcesAt && usableSince(totals, version, totals.sourcesAt)
      ? changedBetween(contentDir, totals.sourcesAt, at)
      : undefined;
  const links: string[] = [];
  const sources = changes ?? listSourceFiles(contentDir, '', links);
  // Links: git sees the link, not the file it points to (only a listing and a stat do).
  const clean = links.length === 0 ? at : undefined;
  // A large archive takes a while (about 10 s of CPU per 20,000 files): say what is going on.
  if (sources.length >= 1000) {
    console.log(`内容检查 content check: checking ${sources.length.toLocaleString('en')} files…`);
  }
  const root = path.relative(process.cwd(), contentDir) || '.';
  const images = await readImageCatalog(publicDir);
  // Asked once per picture: thousands of articles share a few covers.
  const exists = new Map<string, boolean>();
  const publicFiles: PublicFiles = {
    imageInfo: (sitePath) => images.get(sitePath),
    publicFileExists: (sitePath) => {
      let known = exists.get(sitePath);
      if (known === undefined) {
        const full = path.join(publicDir, sitePath);
        known =
          full.startsWith(publicDir + path.sep) && existsSync(full) && statSync(full).isFile();
        exists.set(sitePath, known);
      }
      return known;
    },
  };
  const readSource = (file: string): SourceFile => ({
    path: file,
    text: readFileSync(path.join(contentDir, file), 'utf8'),
  });
  let problems: Problem[];
  let contact: SourceFile[];
  let checked = sources.length;
  /** The files of the content directory (with `changes`, as the check's state counts them). */
  let total = sources.length;
  let hashes: SourceHash[] | undefined;
  // Without --fix, problems holds every error and the first warnings (all of them unless quiet):
  // these count them all.
  let errors: number;
  let warnings: number;
  if (fix) {
    // Every file is read and may be rewritten: the cache is left alone.
    const files = sources.map(readSource);
    let marks = 0;
    let changed = 0;
    for (const file of files) {
      const result = fixPunctuation(file.path, file.text);
      if (result.text === file.text) continue;
      for (const { line, column, field, found, replacement } of result.fixed) {
        console.log(
          `已修正 fixed: ${root}/${file.path}:${line}:${column}: ${field}: "${found}" → "${replacement}"`,
        );
      }
      writeFileSync(path.join(contentDir, file.path), result.text);
      file.text = result.text;
      marks += result.fixed.length;
      changed += 1;
    }
    console.log(
      `标点修正 punctuation fix: ${marks} marks in ${changed} file${changed === 1 ? '' : 's'}`,
    );
    problems = checkContent({ files, ...publicFiles });
    errors = problems.filter((problem) => problem.severity === 'error').length;
    warnings = problems.length - errors;
    contact = files.filter((file) => file.path === CONTACT_PAGE);
  } else if (cache && store) {
    try {
      const run = checkContentDir({
        cache,
        store,
        root: contentDir,
        files: sources,
        ...(changes && totals?.sourcesAt ? { changes: { since: totals.sourcesAt } } : {}),
        ...(clean ? { at: clean } : {}),
        version,
        ...(quiet ? { warningsShown: QUIET_WARNINGS } : {}),
        ...publicFiles,
      });
      ({ problems, errors, warnings, checked } = run);
      hashes = run.sources;
      total = run.files;
    } finally {
      store.close();
      cache.close();
    }
    contact = existsSync(path.join(contentDir, CONTACT_PAGE)) ? [readSource(CONTACT_PAGE)] : [];
  } else throw new Error('the content check has no build cache');
  // 联系我们 while it is still a placeholder (its text, or the example details in config/site.ts):
  // read every run, as the details come from the config.
  const placeholders = checkPlaceholders(contact, siteConfig.contact);
  problems.push(...placeholders);
  for (const problem of placeholders) {
    if (problem.severity === 'error') errors += 1;
    else warnings += 1;
  }
  let shown = 0;
  for (const problem of problems) {
    if (problem.severity === 'warning' && quiet && (shown += 1) > QUIET_WARNINGS) continue;
    (problem.severity === 'error' ? console.error : console.warn)(formatProblem(problem, root));
  }
  const ms = Math.round(performance.now() - started);
  console.log(
    `内容检查 content check: ${total} files, ${errors} errors, ${warnings} warnings (${ms} ms` +
      `${fix ? '' : `, ${checked} checked, ${total - checked} unchanged from the cache`}` +
      `${changes ? `, ${changes.length} changed since ${totals?.sourcesAt?.slice(0, 12)} by git` : ''})`,
  );
  if (quiet && warnings > QUIET_WARNINGS) {
    const all = env.contentDir === 'content' ? '' : `CONTENT_DIR=${env.contentDir} `;
    console.log(
      `  ${warnings - QUIET_WARNINGS} more warnings not shown: \`${all}npm run content:check\` lists them all`,
    );
  }
  return {
    ok: errors === 0,
    ...(hashes ? { hashes } : {}),
    ...(changes ? { partial: true } : {}),
    ...(clean ? { at: clean } : {}),
  };
}
