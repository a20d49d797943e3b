import { createReadStream, existsSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/** MIME types of what a Vite renderer build contains. Anything else is served as opaque bytes. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** Content-Type for a file name by its extension (case-insensitive); `application/octet-stream` when unknown. */
export function mimeTypeOf(fileName: string): string {
  return MIME_TYPES[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** What a request path resolves to inside the static root. */
export type StaticLookup =
  | { readonly kind: 'file'; readonly file: string }
  /** Not a file, and not an asset either: the SPA's index.html handles the route. */
  | { readonly kind: 'spa' }
  | { readonly kind: 'not-found' }
  /** Undecodable or escaping the root: refused without touching the file system. */
  | { readonly kind: 'bad-path' };

/**
 * Serves the built renderer from one directory.
 *
 * Path safety: the URL path is percent-decoded once, must not contain NUL or a backslash (Windows
 * separator), is normalised, and the resolved file must lie inside the root; `..` cannot climb out,
 * encoded (`%2e%2e%2f`) or not.
 *
 * SPA fallback: a path whose last segment has no extension (e.g. `/history`) gets index.html so
 * client-side routes survive a reload; a missing asset (`/assets/x.js`, `/favicon.ico`) gets 404 so
 * a broken build fails loudly instead of executing HTML as script.
 */
export class StaticFiles {
  private readonly root: string;
  private readonly indexFile: string;

  /** @throws Error when `rootDir` has no index.html (the renderer was not built). */
  constructor(rootDir: string) {
    this.root = path.resolve(rootDir);
    this.indexFile = path.join(this.root, 'index.html');
    if (!existsSync(this.indexFile) || !statSync(this.indexFile).isFile()) {
      throw new Error(`renderer build not found: expected ${this.indexFile} (run \`npm run build\` first)`);
    }
  }

  /** Maps a URL pathname (still percent-encoded, no query) to a file, the SPA fallback, or a refusal. */
  async lookup(urlPath: string): Promise<StaticLookup> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return { kind: 'bad-path' };
    }
    if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad-path' };
    const normalised = path.posix.normalize(decoded);
    const file = path.resolve(this.root, `.${normalised}`);
    if (file !== this.root && !file.startsWith(this.root + path.sep)) return { kind: 'bad-path' };
    if (file === this.root) return { kind: 'file', file: this.indexFile };
    try {
      const info = await stat(file);
      if (info.isFile()) return { kind: 'file', file };
      if (info.isDirectory()) return { kind: 'spa' };
    } catch {
      // Missing: decide between SPA route and missing asset below.
    }
    const lastSegment = normalised.slice(normalised.lastIndexOf('/') + 1);
    return lastSegment.includes('.') ? { kind: 'not-found' } : { kind: 'spa' };
  }

  /**
   * Writes `file` (or index.html for the SPA fallback) to `res` with its Content-Type and length.
   * HTML is `no-store` (it names the current hashed bundles); files under /assets/ are content-hashed
   * by Vite, so they are immutable; anything else is revalidated.
   * `headers` (security headers) are added to the response. HEAD gets headers only.
   */
  async send(
    req: IncomingMessage,
    res: ServerResponse,
    target: { kind: 'file'; file: string } | { kind: 'spa' },
    headers: Record<string, string>,
  ): Promise<void> {
    const file = target.kind === 'spa' ? this.indexFile : target.file;
    const info = await stat(file);
    const type = mimeTypeOf(file);
    const relative = path.relative(this.root, file).split(path.sep).join('/');
    const cacheControl = type.startsWith('text/html')
      ? 'no-store'
      : relative.startsWith('assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache';
    res.writeHead(200, {
      ...headers,
      'Content-Type': type,
      'Content-Length': String(info.size),
      'Cache-Control': cacheControl,
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
      res.on('close', resolve);
      stream.pipe(res);
    });
  }
}
