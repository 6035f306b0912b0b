import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { SECURITY_HEADERS } from '../http';

const TYPES: Record<string, string> = {
  'style.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'icon.svg': 'image/svg+xml',
};

/** src/web/assets, whether we run from src (tests) or from dist (npm start builds only .ts). */
function assetDir(): string {
  const candidates = [path.join(__dirname, '..', 'assets'), path.resolve(__dirname, '..', '..', '..', '..', 'src', 'web', 'assets')];
  return candidates.find((dir) => existsSync(path.join(dir, 'style.css'))) ?? candidates[0];
}

let loaded: Map<string, Buffer> | null = null;

/** Every asset, read once: the pages need nothing from any other server. */
function assets(): Map<string, Buffer> {
  if (!loaded) {
    const dir = assetDir();
    loaded = new Map(Object.keys(TYPES).map((name) => [name, readFileSync(path.join(dir, name))]));
  }
  return loaded;
}

/** GET /assets/<name>: only the files listed above. */
export function serveAsset(res: ServerResponse, name: string): boolean {
  const body = TYPES[name] ? assets().get(name) : undefined;
  if (!body) return false;
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': TYPES[name], 'cache-control': 'public, max-age=300', 'content-length': String(body.length) });
  res.end(body);
  return true;
}
