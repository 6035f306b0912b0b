/**
 * The web ticket area on the seeded database: signed in through the real login route (a token
 * issued by the app's own sign-in repository), one request at a time. Each request's server
 * time is what Chamado's process measured from the request to the end of the response
 * (BENCH_SERVER_TIMING, bench/ingest/chamado-server.ts); the client time over loopback is shown too.
 */
import { request } from 'node:http';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/persistence/data-source-options';
import { TypeormWebSignInRepository } from '../../src/persistence/web-sign-in-repository';
import { table, type Cell } from '../report';
import { summarize } from '../stats';
import { AGENT, COMMON_WORD, HEAVY_CC, HEAVY_REQUESTER, HEAVY_WORKSPACE, LONG_TICKET_MESSAGES, RARE_WORD } from './seed';

export interface WebRow {
  path: string;
  who: string;
  /** Which target it answers to: a page (≤ 50 ms) or a search (≤ 100 ms). */
  kind: 'page' | 'search';
  server: number[];
  client: number[];
  failures: number;
}

function get(base: string, path: string, cookie: string): Promise<{ status: number; ms: number; cookie: string | null; location: string | null }> {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { cookie, 'accept-language': 'en' } }, (res) => {
      res.resume();
      res.on('end', () => {
        const setCookie = res.headers['set-cookie']?.[0]?.split(';')[0] ?? null;
        resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - t0) / 1e6, cookie: setCookie, location: res.headers.location ?? null });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A session cookie for this person, by the link `web` would give them, opened through GET /login/<token>. */
async function signIn(dbUrl: string, base: string, userId: string): Promise<string> {
  const ds = new DataSource(dataSourceOptions(dbUrl, { poolSize: 1, applicationName: 'chamado-bench-web' }));
  await ds.initialize();
  try {
    const now = new Date();
    const token = await new TypeormWebSignInRepository(ds.manager).addLoginToken({
      workspaceId: HEAVY_WORKSPACE, platform: 'slack', userId, timeZone: 'America/Sao_Paulo', ticketNumber: null, createdAt: now, expiresAt: new Date(now.getTime() + 15 * 60_000),
    });
    const res = await get(base, `/login/${token}`, '');
    if (res.status !== 303 || !res.cookie) throw new Error(`sign-in as ${userId} answered ${res.status}`);
    return res.cookie;
  } finally {
    await ds.destroy();
  }
}

/** The server's own time of each request, from the `timing <method> <url> <ms>` lines it printed. */
function serverTimes(output: string, marker: string): number[] {
  return [...output.matchAll(/^timing GET (\S+) ([\d.]+)$/gm)].filter((m) => m[1].includes(marker)).map((m) => Number(m[2]));
}

export async function runWebPath(base: string, dbUrl: string, output: () => string, samples: number, longTicket: number): Promise<WebRow[]> {
  const cookies = {
    requester: await signIn(dbUrl, base, HEAVY_REQUESTER),
    cc: await signIn(dbUrl, base, HEAVY_CC),
    agent: await signIn(dbUrl, base, AGENT),
  };
  const plan: { path: string; who: keyof typeof cookies; label: string; kind: WebRow['kind'] }[] = [
    { path: `/tickets/${longTicket}`, who: 'requester', label: `\`/tickets/<n>\` (${LONG_TICKET_MESSAGES} messages)`, kind: 'page' },
    { path: '/tickets', who: 'requester', label: '`/tickets` (heavy requester)', kind: 'page' },
    { path: '/tickets', who: 'cc', label: '`/tickets` (heavy CC)', kind: 'page' },
    { path: '/queue', who: 'agent', label: '`/queue`', kind: 'page' },
    { path: '/queue?page=8', who: 'agent', label: '`/queue?page=8`', kind: 'page' },
    { path: '/queue?assignee=none&priority=urgent', who: 'agent', label: '`/queue?assignee=none&priority=urgent`', kind: 'page' },
    { path: `/tickets?q=${COMMON_WORD}`, who: 'agent', label: `search, common word \`${COMMON_WORD}\` (agent: the workspace)`, kind: 'search' },
    { path: `/tickets?q=${RARE_WORD}`, who: 'agent', label: `search, rare word \`${RARE_WORD}\` (agent: the workspace)`, kind: 'search' },
    { path: `/tickets?q=${COMMON_WORD}`, who: 'requester', label: `search, common word \`${COMMON_WORD}\` (heavy requester: their tickets)`, kind: 'search' },
    { path: `/queue?q=${COMMON_WORD}`, who: 'agent', label: `\`/queue?q=${COMMON_WORD}\``, kind: 'search' },
  ];
  const rows: WebRow[] = [];
  for (const [i, p] of plan.entries()) {
    const sep = p.path.includes('?') ? '&' : '?';
    for (let w = 0; w < 5; w++) await get(base, `${p.path}${sep}bench=warm`, cookies[p.who]);
    const marker = `bench=r${i}`;
    const row: WebRow = { path: p.label, who: p.who, kind: p.kind, server: [], client: [], failures: 0 };
    for (let n = 0; n < samples; n++) {
      const res = await get(base, `${p.path}${sep}${marker}`, cookies[p.who]);
      if (res.status === 200) row.client.push(res.ms);
      else row.failures += 1;
    }
    // The server prints its line as the response ends: give the last one a moment to arrive.
    await new Promise((r) => setTimeout(r, 200));
    row.server = serverTimes(output(), `${marker}`).filter((_, k, all) => k >= all.length - samples);
    rows.push(row);
  }
  return rows;
}

export function renderWebPath(rows: WebRow[]): string {
  return table(
    ['page', 'samples', 'server p50 ms', 'server p99 ms', 'server max ms', 'client p99 ms (loopback)', 'failures'],
    rows.map((r): Cell[] => {
      const s = summarize(r.server);
      return [r.path, s.n, s.p50, s.p99, s.max, summarize(r.client).p99, r.failures];
    }),
  );
}
