import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { useApp } from './helpers/app.js';

// A stand-in build: index.html and a hashed asset, with a secret beside the root and a symlink to it.
const dir = mkdtempSync(join(tmpdir(), 'halo-static-'));
const root = join(dir, 'dist');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1);');
writeFileSync(join(root, '.env'), 'HIDDEN=1');
writeFileSync(join(dir, 'secret.txt'), 'TOP-SECRET');
symlinkSync(join(dir, 'secret.txt'), join(root, 'link.txt'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ctx = useApp({ listen: true, app: { webAppDir: root } });

/** A request with the path sent byte for byte (fetch would normalise `..` away). */
function raw(
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(ctx.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the example app at /app', () => {
  it('should redirect /app to /app/ and serve index.html there, revalidated on every load', async () => {
    expect(await raw('/app')).toMatchObject({ status: 308, headers: { location: '/app/' } });
    expect(await raw('/app?site=x')).toMatchObject({ status: 308, headers: { location: '/app/?site=x' } });
    const index = await raw('/app/');
    expect(index).toMatchObject({ status: 200, body: '<!doctype html><title>app</title>' });
    expect(index.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
  });

  it('should serve hashed assets with their content type, cached for good, and answer HEAD without a body', async () => {
    const js = await raw('/app/assets/index-abc123.js');
    expect(js).toMatchObject({ status: 200, body: 'console.log(1);' });
    expect(js.headers).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
      'content-length': '15',
    });
    expect(await raw('/app/assets/index-abc123.js', 'HEAD')).toMatchObject({
      status: 200,
      body: '',
      headers: { 'content-length': '15' },
    });
    expect(await raw('/app/assets/index-abc123.js', 'POST')).toMatchObject({
      status: 405,
      headers: { allow: 'GET, HEAD' },
    });
  });

  it('should answer 404 for anything outside the build: traversal, encoded slashes, dotfiles, symlinks, NUL bytes', async () => {
    for (const path of [
      '/app/../secret.txt',
      '/app/%2e%2e/secret.txt',
      '/app/..%2fsecret.txt',
      '/app/assets/..%2f..%2fsecret.txt',
      '/app/..%5csecret.txt',
      '/app/.env',
      '/app/link.txt',
      '/app/index.html%00.js',
      '/app/missing.js',
      '/app/assets/',
    ]) {
      const res = await raw(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('TOP-SECRET');
      expect(res.body, path).not.toContain('HIDDEN');
    }
    expect((await raw('/app/%E0%A4%A')).status).toBe(400);
    // Only /app and below: /apple is not the app's.
    expect((await raw('/apple')).body).not.toContain('<title>app</title>');
  });

  it('should answer 404 with how to build it while the app is not built', async () => {
    const app = createApp({
      haloApiUrl: ctx.sim.url,
      haloSubscriptionKey: ctx.sim.key,
      webAppDir: join(dir, 'not-built'),
    });
    try {
      const { url } = await app.start(0);
      const res = await fetch(`${url}/app/`);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe('Not found. The example app is not built: run `npm run build:web`.\n');
    } finally {
      await app.stop();
    }
  });
});
