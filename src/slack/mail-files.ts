import type { FileRef, Ticket } from '../core';
import type { SlackRuntime } from './runtime';

/** Our own files (received by e-mail) are stored as `/files/<id>`: their id, else null. */
const ownFileId = (url: string): string | null => /^\/files\/([0-9a-f-]{36})$/.exec(url)?.[1] ?? null;

/** A relative `/files/<id>` as a link people can open (PUBLIC_URL in front). */
export const absoluteFiles = (files: readonly FileRef[], publicUrl: string): FileRef[] =>
  files.map((f) => (f.url.startsWith('/') ? { ...f, url: `${publicUrl}${f.url}` } : f));

/**
 * A mail's stored files, uploaded into the ticket thread with files.getUploadURLExternal and
 * files.completeUploadExternal (files.upload is retired). Best effort: the relayed message
 * already links each file on the web area, so a failed upload is logged, never posted twice.
 */
export async function uploadMailFiles(rt: SlackRuntime, ticket: Ticket, files: readonly FileRef[]): Promise<void> {
  const ids = files.map((f) => ownFileId(f.url)).filter((id): id is string => id !== null);
  if (ids.length === 0 || !ticket.threadId) return;
  try {
    const uploaded: { id: string; title: string }[] = [];
    for (const id of ids) {
      const file = await rt.context.deps.store.mailFiles.byId(id);
      if (!file) continue;
      const target = await rt.client.files.getUploadURLExternal({ filename: file.name, length: file.content.byteLength });
      if (!target.upload_url || !target.file_id) continue;
      const sent = await fetch(target.upload_url, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Blob([new Uint8Array(file.content)]) });
      if (!sent.ok) throw new Error(`upload answered http_${sent.status}`);
      uploaded.push({ id: target.file_id, title: file.name });
    }
    if (uploaded.length === 0) return;
    const files = uploaded as [{ id: string; title: string }, ...{ id: string; title: string }[]];
    await rt.client.files.completeUploadExternal({ files, channel_id: ticket.channelId, thread_ts: ticket.threadId });
  } catch (error) {
    rt.context.log.warn({ platform: 'slack', ticket: ticket.number, err: error }, 'could not upload a mail\'s files into the thread; the message links them on the web area');
  }
}
