import { CHAMADO_HEAP_CAP, startServerChild } from '../child';
import { startFakeSlack } from '../fake-slack-api';
import { createBenchDatabase, keptBenchDatabase, query, type BenchPostgres } from '../postgres';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack-signing';
import { explainHotQueries, renderExplain, renderPlans } from './explain';
import { renderHttpPath, runHttpPath, SPLIT_ROOT, splitThread, type PathRow } from './http-path';
import { AGENT, HEAVY_CC, HEAVY_REQUESTER, HEAVY_WORKSPACE, LONG_TICKET_SQL, SEED_VERSION, seedScale, type ScaleSize } from './seed';
import { renderWebPath, runWebPath, type WebRow } from './web-path';

export interface ScaleOptions extends ScaleSize {
  samples: number;
  /** Extra node flags for the Chamado process (e.g. --cpu-prof). */
  chamadoNodeArgs?: string[];
  /** Keep the seeded database under this name and reuse it on the next run of the same size. */
  keepDatabase?: string;
  /** Seed (or find the kept seed) and stop: prepares a kept database ahead of a measured run. */
  seedOnly?: boolean;
}

export interface ScaleResult {
  markdown: string;
  /** Every hot statement as sent and its EXPLAIN (ANALYZE, BUFFERS), for bench/results/. */
  plans: string;
  paths: PathRow[];
  /** The web ticket area's pages and searches, with the server's own time of each request. */
  web: WebRow[];
  seqScans: number;
}

export async function runScale(pg: BenchPostgres, o: ScaleOptions, log: (line: string) => void): Promise<ScaleResult> {
  const kept = o.keepDatabase ? await keptBenchDatabase(pg, o.keepDatabase, `${o.tickets}x${o.messagesPerTicket}x${o.workspaces}x${SEED_VERSION}`) : null;
  const db = kept ? { url: kept.url, drop: async () => undefined } : await createBenchDatabase(pg, 'chamado_bench_scale');
  const slack = await startFakeSlack({ replies: (_channel, ts) => (ts === SPLIT_ROOT || ts.startsWith('1750000000.') ? splitThread() : []) });
  try {
    const t0 = Date.now();
    if (kept?.seeded) {
      log(`  reusing the seeded database ${o.keepDatabase}`);
    } else {
      log(`  seeding ${o.tickets.toLocaleString('en-US')} tickets, ${(o.tickets * o.messagesPerTicket).toLocaleString('en-US')} messages, ${o.workspaces} workspaces…`);
      await seedScale(db.url, o, log);
      await kept?.markSeeded();
    }
    const seedSeconds = (Date.now() - t0) / 1000;
    if (o.seedOnly) return { markdown: '', plans: '', paths: [], web: [], seqScans: 0 };
    const counts = await query<{ t: string; m: string; p: string; e: string; o: string; size: string }>(db.url, `SELECT
      (SELECT count(*) FROM tickets) t, (SELECT count(*) FROM ticket_messages) m, (SELECT count(*) FROM ticket_participants) p,
      (SELECT count(*) FROM ticket_events) e, (SELECT count(*) FROM outbox) o, pg_size_pretty(pg_database_size(current_database())) size`);
    const heavy = await query<{ role: string; all: string; active: string }>(db.url, `SELECT p.role, count(*) AS all, count(*) FILTER (WHERE t.status <> 'closed') AS active
      FROM ticket_participants p JOIN tickets t ON t.id = p.ticket_id WHERE p.workspace_id = $1 AND p.user_id IN ($2, $3) GROUP BY p.role`,
    [HEAVY_WORKSPACE, HEAVY_REQUESTER, HEAVY_CC]);
    log('  EXPLAIN of the hot queries…');
    const explained = await explainHotQueries(db.url, new Date());
    log(`    ${explained.length} statements, seq scans on big tables: ${explained.filter((e) => e.seqScans.length).length}`);

    const server = await startServerChild('ingest/chamado-server.js', {
      DATABASE_URL: db.url, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.url,
      AGENTS: `slack:${AGENT}`, LOG_LEVEL: 'warn', NODE_ENV: 'production', PUBLIC_URL: 'http://127.0.0.1', BENCH_SERVER_TIMING: '1',
    }, [CHAMADO_HEAP_CAP, ...(o.chamadoNodeArgs ?? [])]);
    let pathMd = '';
    let paths: PathRow[] = [];
    let web: WebRow[] = [];
    let webMd = '';
    try {
      const sql = 'SELECT number FROM tickets WHERE workspace_id = $1 AND requester_id = $2 ORDER BY random() LIMIT 200';
      const numbers = (await query<{ number: number }>(db.url, sql, [HEAVY_WORKSPACE, HEAVY_REQUESTER])).map((r) => r.number);
      log('  HTTP path…');
      paths = await runHttpPath(server.url, slack, o.samples, numbers);
      pathMd = renderHttpPath(paths);
      log('  web ticket area…');
      const [long] = await query<{ number: number }>(db.url, LONG_TICKET_SQL);
      web = await runWebPath(server.url, db.url, () => server.output(), o.samples, long.number);
      webMd = renderWebPath(web);
    } finally {
      await server.stop();
    }
    const c = counts[0];
    const seededHow = kept?.seeded ? `Seeded by an earlier run (kept database \`${o.keepDatabase}\`)` : `Seeded in ${seedSeconds.toFixed(0)} s`;
    const markdown = [
      `${seededHow} (SQL generate_series, indexes rebuilt after the load): ${Number(c.t).toLocaleString('en-US')} tickets, ` +
        `${Number(c.m).toLocaleString('en-US')} messages, ${Number(c.p).toLocaleString('en-US')} participants, ${Number(c.e).toLocaleString('en-US')} audit events, ` +
        `${Number(c.o).toLocaleString('en-US')} delivered outbox rows over ${o.workspaces} workspaces; database ${c.size}. ` +
        `Heavy requester \`${HEAVY_REQUESTER}\` and heavy CC \`${HEAVY_CC}\` in \`${HEAVY_WORKSPACE}\`: ` +
        `${heavy.map((h) => `${h.role} on ${Number(h.all).toLocaleString('en-US')} tickets (${Number(h.active).toLocaleString('en-US')} not closed)`).join(', ')}.`,
      '',
      'Through HTTP, one request at a time (loopback client time ≥ server time):',
      '',
      pathMd,
      '',
      'The web ticket area, signed in through `GET /login/<token>`, one request at a time ' +
        '(server time: from the request to the end of the response, measured in Chamado\'s process):',
      '',
      webMd,
      '',
      'EXPLAIN (ANALYZE, BUFFERS) of the hot statements, as the app sends them:',
      '',
      renderExplain(explained),
    ].join('\n');
    return { markdown, plans: renderPlans(explained), paths, web, seqScans: explained.filter((e) => e.seqScans.length > 0).length };
  } finally {
    await slack.close();
    await db.drop();
  }
}
