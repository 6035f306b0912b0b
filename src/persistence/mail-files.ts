import type { EntityManager } from 'typeorm';
import type { FileRef, MailFileRepository, NewMailFile, StoredMailFile } from '../core';

interface FileRow {
  id: string;
  ticket_id: string;
  name: string;
  type: string | null;
  size: number;
  content: Buffer;
}

/** `email_files`: the files of received mail. */
export class TypeormMailFiles implements MailFileRepository {
  constructor(private readonly em: EntityManager) {}

  async add(ticketId: string, files: readonly NewMailFile[]): Promise<FileRef[]> {
    if (files.length === 0) return [];
    const rows: { id: string }[] = await this.em.query(
      `INSERT INTO email_files (ticket_id, name, type, size, content)
       SELECT $1, f.name, f.type, f.size, f.content
       FROM unnest($2::text[], $3::text[], $4::int[], $5::bytea[]) WITH ORDINALITY AS f(name, type, size, content, n)
       ORDER BY f.n RETURNING id`,
      [ticketId, files.map((f) => f.name), files.map((f) => f.type), files.map((f) => f.content.byteLength), files.map((f) => Buffer.from(f.content))],
    );
    return files.map((f, i) => ({ name: f.name, type: f.type, size: f.content.byteLength, url: `/files/${rows[i].id}` }));
  }

  async moveTo(ticketId: string, files: readonly FileRef[]): Promise<void> {
    const ids = files.map((f) => /^\/files\/([0-9a-f-]{36})$/.exec(f.url)?.[1]).filter((id): id is string => Boolean(id));
    if (ids.length > 0) await this.em.query('UPDATE email_files SET ticket_id = $1 WHERE id = ANY($2::uuid[])', [ticketId, ids]);
  }

  async byId(id: string): Promise<StoredMailFile | null> {
    const rows: FileRow[] = await this.em.query('SELECT id, ticket_id, name, type, size, content FROM email_files WHERE id = $1', [id]);
    const r = rows[0];
    return r ? { id: r.id, ticketId: r.ticket_id, name: r.name, type: r.type, size: r.size, content: r.content } : null;
  }
}
