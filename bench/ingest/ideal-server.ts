/**
 * The ideal persist-before-ack server: node:http, the signature check, and one Postgres
 * transaction per event (touch the ticket of the thread, insert the message), then the ack.
 * Nothing else: no framework, no dedupe table, no ORM. Its throughput is what "persist, then
 * ack" costs on this machine when the code in between is free.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { SIGNING_SECRET, verify } from '../slack-signing';
import { TOUCH_TICKET_SQL, INSERT_MESSAGE_SQL } from './ingest-sql';
import type { Ticket } from '../../src/core';
import { selectTickets, updateTicket } from '../../src/persistence/ticket-sql';
import { WORKSPACE } from './events';

interface ReplyBody {
  event?: { channel?: string; user?: string; text?: string; ts?: string; thread_ts?: string };
}

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });

  /**
   * IDEAL_SQL=chamado: the same server sending Chamado's own statements for one reply (seven round
   * trips: claim the event id, log the conversation message, load and lock the ticket with its CCs,
   * insert the message, update the ticket, inside BEGIN/COMMIT), to separate the cost of the SQL
   * shape from the cost of the code around it.
   */
  async function persistLikeChamado(event: NonNullable<ReplyBody['event']>, eventId: string): Promise<boolean> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const claimed = await client.query('INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING RETURNING event_id', [eventId]);
      if (claimed.rowCount !== 1) {
        await client.query('COMMIT');
        return false;
      }
      const postedAt = new Date(Math.round(Number(event.ts) * 1000));
      await client.query(
        `INSERT INTO conversation_messages (workspace_id, platform, channel_id, message_id, thread_id, author_id, text, files, posted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (workspace_id, channel_id, message_id) DO UPDATE SET text = EXCLUDED.text, files = EXCLUDED.files`,
        [WORKSPACE, 'slack', event.channel, event.ts, event.thread_ts, event.user, event.text ?? '', '[]', postedAt],
      );
      const select = selectTickets({ workspaceId: WORKSPACE, channelId: event.channel, threadId: event.thread_ts }, true);
      const [ticket] = (await client.query<Ticket>(select.sql, select.params)).rows;
      if (ticket) {
        const added = await client.query(
          'INSERT INTO ticket_messages (ticket_id, platform_message_id, author_id, text, attachments, posted_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id',
          [ticket.id, event.ts, event.user, event.text ?? '', JSON.stringify({ files: [], links: [] }), postedAt],
        );
        if (added.rowCount === 1) {
          const now = new Date();
          const update = updateTicket({ ...ticket, lastActivityAt: now, updatedAt: now, lastCustomerActivityAt: now });
          await client.query(update.sql, update.params);
        }
      }
      await client.query('COMMIT');
      return Boolean(ticket);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  const likeChamado = process.env.IDEAL_SQL === 'chamado';

  async function persist(event: NonNullable<ReplyBody['event']>): Promise<boolean> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const touched = await client.query({ name: 'touch', text: TOUCH_TICKET_SQL, values: [WORKSPACE, event.channel, event.thread_ts] });
      if (touched.rowCount === 1) {
        const postedAt = new Date(Math.round(Number(event.ts) * 1000));
        await client.query({ name: 'insert', text: INSERT_MESSAGE_SQL, values: [touched.rows[0].id, event.ts, event.user, event.text ?? '', postedAt] });
      }
      await client.query('COMMIT');
      return touched.rowCount === 1;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const ts = req.headers['x-slack-request-timestamp'];
      const sig = req.headers['x-slack-signature'];
      if (!verify(SIGNING_SECRET, typeof ts === 'string' ? ts : undefined, typeof sig === 'string' ? sig : undefined, raw)) {
        res.writeHead(401).end();
        return;
      }
      const body = JSON.parse(raw) as ReplyBody & { event_id?: string };
      if (!body.event?.thread_ts) {
        res.writeHead(200).end();
        return;
      }
      (likeChamado ? persistLikeChamado(body.event, body.event_id ?? '') : persist(body.event)).then(
        () => res.writeHead(200).end(),
        () => res.writeHead(500).end(),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
  });
  process.on('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    void pool.end().then(() => process.exit(0));
  });
}

void main();
