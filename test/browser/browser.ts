import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where the screenshots go (git-ignored). */
export const ARTIFACTS = join(ROOT, 'test-artifacts');
/** Debian's chromium; CHROMIUM_PATH overrides it. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const WEB = join(ROOT, 'examples', 'web');

/**
 * Launches headless Chromium. Fails (never skips) when it is missing: CI installs Debian's
 * `chromium` in .ci/run, and playwright's own browser downloads are not used.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the browser tests need Debian's chromium (apt-get install chromium; .ci/run installs it) or CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A page whose requests may only go to loopback addresses (anything else is aborted and recorded). */
export async function loopbackPage(
  browser: Browser,
  viewport = { width: 1400, height: 1000 },
): Promise<{ context: BrowserContext; page: Page; blocked: string[] }> {
  const context = await browser.newContext({ viewport });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const loopback =
      url.protocol === 'data:' ||
      url.protocol === 'blob:' ||
      ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (loopback) return route.continue();
    blocked.push(url.origin);
    return route.abort();
  });
  return { context, page: await context.newPage(), blocked };
}

/** Saves a screenshot (the whole page unless `fullPage: false`) as test-artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the example app (`npm run build:web`'s vite step) unless examples/web/dist is newer than
 * its sources, so `npm test` works on a fresh clone and never tests a stale build.
 */
export async function ensureWebAppBuilt(): Promise<string> {
  const dist = join(WEB, 'dist');
  const index = join(dist, 'index.html');
  const sources = Math.max(
    newestMtime(join(WEB, 'src')),
    statSync(join(WEB, 'index.html')).mtimeMs,
    statSync(join(WEB, 'vite.config.ts')).mtimeMs,
  );
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    await promisify(execFile)(
      process.execPath,
      [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'build', WEB, '--logLevel', 'warn'],
      { cwd: ROOT },
    );
  }
  return dist;
}
