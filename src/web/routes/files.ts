import type { IncomingMessage, ServerResponse } from 'node:http';
import { mailFileFor } from '../../core';
import { SECURITY_HEADERS } from '../http';
import { viewerOf } from '../session';
import type { WebContext } from '../web-context';
import { sendNotFound, sendSignIn } from './common';

/** `filename` for Content-Disposition: ASCII with quotes and controls dropped, and the real name in RFC 5987 form. */
export function dispositionOf(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'attachment';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * `GET /files/<id>`: a file that came by e-mail, for a signed-in person who may see its ticket
 * (anyone else: 404, the same as no such file). Always a download, never rendered here: a mail's
 * HTML or SVG must not run as this site's page.
 */
export async function fileRoute(web: WebContext, req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
  const viewer = await viewerOf(web, req);
  if (!viewer) return sendSignIn(web, req, res, 'needed');
  const file = await mailFileFor(web.deps, viewer.actor, id);
  if (!file) return sendNotFound(viewer, res, null);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'application/octet-stream',
    'content-length': String(file.content.byteLength),
    'content-disposition': dispositionOf(file.name),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  });
  res.end(Buffer.from(file.content));
}
