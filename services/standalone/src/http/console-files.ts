import { type FileHandle, open, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * What the console's own server sends in production (deploy/console/Caddyfile): not framed, not
 * sniffed, no referrer, and scripts, connections and forms only from its own origin (Mantine
 * writes its CSS variables in `<style>` elements: inline styles are allowed, inline scripts not).
 */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
};

/** The file at `file` opened for reading, or undefined when there is none (or it is a directory). */
async function openFile(file: string): Promise<FileHandle | undefined> {
  const handle = await open(file).catch(() => undefined);
  if (!handle || (await handle.stat()).isFile()) return handle;
  await handle.close();
  return undefined;
}

function decodedPath(urlPath: string): string | undefined {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
}

/**
 * The web console's built files (a single-page application): a file that exists is served, any
 * other GET that is not the API gets index.html, so the console's own routes load.
 */
export class ConsoleFiles {
  private constructor(private readonly root: string) {}

  /** The console at `directory`, or undefined when it has not been built. */
  static async at(directory: string): Promise<ConsoleFiles | undefined> {
    const root = path.resolve(directory);
    const index = await stat(path.join(root, 'index.html')).catch(() => undefined);
    return index?.isFile() ? new ConsoleFiles(root) : undefined;
  }

  /** True when it answered. */
  async serve(request: IncomingMessage, response: ServerResponse, urlPath: string): Promise<boolean> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const decoded = decodedPath(urlPath);
    // a path that is not valid percent-encoding names no file and no page of the console
    if (decoded === undefined) return false;
    const requested = path.resolve(this.root, `.${decoded}`);
    // nothing outside the console's directory; opened before answering, so a console being rebuilt
    // (its files gone for a moment) is a 404, not an error mid-answer
    const inside = requested.startsWith(this.root + path.sep) ? await openFile(requested) : undefined;
    const file = inside ? requested : path.join(this.root, 'index.html');
    const handle = inside ?? (await openFile(file));
    if (!handle) return false;
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600' });
    if (request.method === 'HEAD') {
      await handle.close();
      response.end();
    } else {
      // a read that fails midway ends the answer (the client sees it cut short), never the process
      pipeline(handle.createReadStream(), response, () => undefined);
    }
    return true;
  }
}
