/**
 * Serves a built single-page app (the example app in `examples/web/dist`) under a URL prefix:
 * GET and HEAD only, content types by extension, no directory listings, nothing outside the root
 * (`..`, encoded slashes, NUL bytes and symlinks out of it are refused), 404 while it is not built.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface StaticSiteOptions {
  /** URL prefix without a trailing slash, e.g. `/app`. */
  prefix: string;
  /** Directory with `index.html` (the build output). */
  root: string;
  /** Shown in the 404 while `root` has no `index.html`. */
  notBuiltHint?: string;
}

/** The handler, and a test for whether a URL is under the prefix. */
export function createStaticSite(options: StaticSiteOptions): {
  matches(url: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
} {
  const { prefix, root } = options;
  let realRoot: string | undefined;

  const matches = (url: string) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return text(res, 405, 'Method not allowed.');
    }
    const url = req.url ?? prefix;
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    // `/app` → `/app/`, so the app's relative URLs resolve under the prefix.
    if (pathname === prefix) {
      res.writeHead(308, { location: `${prefix}/${q < 0 ? '' : url.slice(q)}`, 'content-length': '0' });
      res.end();
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(pathname.slice(prefix.length + 1));
    } catch {
      return text(res, 400, 'Bad path.');
    }
    const parts = rel.split('/');
    if (rel.includes('\0') || rel.includes('\\') || parts.some((s) => s.startsWith('.'))) {
      return text(res, 404, 'Not found.');
    }
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';

    try {
      realRoot ??= await realpath(root);
    } catch {
      return text(res, 404, `Not found. ${options.notBuiltHint ?? ''}`.trim());
    }
    let file: string;
    let size: number;
    try {
      file = await realpath(join(realRoot, ...rel.split('/')));
      if (!file.startsWith(realRoot + sep)) return text(res, 404, 'Not found.');
      const info = await stat(file);
      if (!info.isFile()) return text(res, 404, 'Not found.');
      size = info.size;
    } catch {
      const built = await stat(join(realRoot, 'index.html')).then(
        () => true,
        () => false,
      );
      return text(res, 404, built ? 'Not found.' : `Not found. ${options.notBuiltHint ?? ''}`.trim());
    }

    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-length': String(size),
      'x-content-type-options': 'nosniff',
      // Vite puts a content hash in every asset name; index.html must be revalidated to see a new build.
      'cache-control': rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((resolve) => {
      const stream = createReadStream(file);
      stream.on('error', () => {
        res.destroy();
        resolve();
      });
      stream.on('end', resolve);
      res.on('close', () => {
        stream.destroy();
        resolve();
      });
      stream.pipe(res);
    });
  }

  return { matches, handle };
}

function text(res: ServerResponse, status: number, message: string): void {
  const body = `${message}\n`;
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}
