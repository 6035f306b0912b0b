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
import { WORKSPACE } from './events';

interface ReplyBody {
  event?: { channel?: string; user?: string; text?: string; ts?: string; thread_ts?: string };
}

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });

  async function persist(event: NonNullable<ReplyBody['event']>): Promise<boolean> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const touched = await client.query({ name: 'touch', text: TOUCH_TICKET_SQL, values: [WORKSPACE, event.channel, event.thread_ts] });
      if (touched.rowCount === 1) {
        const postedAt = new Date(Math.round(Number(event.ts) * 1000));
        const { id, workspace_id: workspaceId } = touched.rows[0];
        await client.query({ name: 'insert', text: INSERT_MESSAGE_SQL, values: [id, event.ts, event.user, event.text ?? '', postedAt, workspaceId] });
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
      const body = JSON.parse(raw) as ReplyBody;
      if (!body.event?.thread_ts) {
        res.writeHead(200).end();
        return;
      }
      persist(body.event).then(
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
