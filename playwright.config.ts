import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { E2E_PREVIEW_SECRET } from './e2e/preview-secret';
import { E2E_INDEXNOW_KEY } from './e2e/ports';

const PORT = Number(process.env.E2E_PORT || 3210);
const baseURL = `http://127.0.0.1:${PORT}`;
// Every run counts views from zero, however often the suite runs in one working tree.
const VIEWS_DB = path.join(tmpdir(), `news-e2e-${PORT}-views.db`);
// The real instant at which the suite's server clock reads NEWS_TEST_NOW (lib/clock.ts), so a test
// knows where the server's minutes begin. Set once by the runner; its workers inherit it.
process.env.E2E_CLOCK_ANCHOR ??= String(Date.now());

// Debian's Chromium by default; Playwright's own browser when a user has installed it instead.
const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find(
  (candidate): candidate is string => Boolean(candidate && existsSync(candidate)),
);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'America/New_York',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Test browsers are robots: their page views must never count. The view tests send
        // views with readers' user agents on purpose.
        userAgent: `${devices['Desktop Chrome'].userAgent} HeadlessChrome e2e`,
        launchOptions: {
          ...(chromium ? { executablePath: chromium } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    // The production build: `npm run test:e2e` builds it first.
    command: `rm -f ${VIEWS_DB} ${VIEWS_DB}-wal ${VIEWS_DB}-shm && node node_modules/next/dist/bin/next start -H 127.0.0.1 -p ${PORT}`,
    // The log is JSON lines on stdout, one per request at info: warnings and errors only here.
    // Every test speaks from 127.0.0.1: the per-address view limit would make their view counts
    // depend on each other. It has a test of its own, on a server of its own (e2e/views.spec.ts).
    // INDEXNOW_KEY: the server serves /<key>.txt (e2e/push.spec.ts); servers never push.
    env: {
      VIEWS_DB,
      NEWS_TEST_NOW_AT: process.env.E2E_CLOCK_ANCHOR,
      LOG_LEVEL: 'warn',
      VIEWS_ADDRESS_LIMIT: '1000000',
      // Draft preview links work on the suite's server (e2e/preview.spec.ts).
      PREVIEW_SECRET: E2E_PREVIEW_SECRET,
      INDEXNOW_KEY: E2E_INDEXNOW_KEY,
    },
    url: baseURL,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
