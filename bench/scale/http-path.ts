/**
 * The user-facing paths through HTTP against Chamado on the seeded database: one request at a
 * time (no queueing), timed on the client over loopback, which bounds the server time from above.
 */
import type { CallRecord, FakeSlack } from '../fake-slack-api';
import { table, type Cell } from '../report';
import { summarize } from '../stats';
import { AGENT, HEAVY_CC, HEAVY_REQUESTER, HEAVY_TEAM } from './seed';
import { eventCallback, interactivity, slashCommand, triggerId } from './slack-requests';

export interface PathRow {
  path: string;
  what: string;
  samples: number[];
  failures: number;
}

/** Resolves when the fake Slack sees a call matching `match`, with its time. */
function nextCall(slack: FakeSlack, match: (c: CallRecord) => boolean, timeoutMs = 10_000): Promise<CallRecord | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(null);
    }, timeoutMs);
    const off = slack.onCall((c) => {
      if (!match(c)) return;
      clearTimeout(timer);
      off();
      resolve(c);
    });
  });
}

export const SPLIT_CHANNEL = 'CSPLIT';
export const SPLIT_ROOT = '1750000000.000000';
/** The 50 messages of the thread to split, as conversations.replies answers them. */
export function splitThread(): Record<string, unknown>[] {
  return Array.from({ length: 50 }, (_, i) => ({
    type: 'message', user: i % 2 ? HEAVY_REQUESTER : 'U42', text: `Part ${i} of a long conversation about printers and VPNs`,
    ts: `1750000000.${String(i).padStart(6, '0')}`, thread_ts: SPLIT_ROOT, ...(i === 0 ? { reply_count: 49 } : {}),
  }));
}

export async function runHttpPath(base: string, slack: FakeSlack, samples: number, visibleNumbers: number[]): Promise<PathRow[]> {
  const rows: PathRow[] = [];
  const measure = async (path: string, what: string, n: number, once: (i: number) => Promise<number | null>) => {
    for (let i = 0; i < Math.min(5, n); i++) await once(i); // warm-up
    const row: PathRow = { path, what, samples: [], failures: 0 };
    for (let i = 0; i < n; i++) {
      const ms = await once(i);
      if (ms === null) row.failures += 1;
      else row.samples.push(ms);
    }
    rows.push(row);
  };
  const ok = (r: { status: number; ms: number }) => (r.status === 200 ? r.ms : null);

  await measure('`/ticket list` (heavy requester)', 'ack with the list', samples, async () => ok(await slashCommand(base, HEAVY_TEAM, HEAVY_REQUESTER, 'CS1', 'list')));
  await measure('`/ticket list` (heavy CC)', 'ack with the list', samples, async () => ok(await slashCommand(base, HEAVY_TEAM, HEAVY_CC, 'CS1', 'list')));
  await measure('`/ticket list all` (heavy requester)', 'ack with the list', samples, async () => ok(await slashCommand(base, HEAVY_TEAM, HEAVY_REQUESTER, 'CS1', 'list all')));
  const show = (i: number) => slashCommand(base, HEAVY_TEAM, HEAVY_REQUESTER, 'CS1', `show #${visibleNumbers[i % visibleNumbers.length]}`);
  await measure('`/ticket show #n`', 'ack with the ticket', samples, async (i) => ok(await show(i)));

  await measure('App Home opened', 'event → views.publish received', Math.ceil(samples / 2), async () => {
    const published = nextCall(slack, (c) => c.method === 'views.publish' && c.params.user_id === HEAVY_REQUESTER);
    const t0 = Date.now();
    const r = await eventCallback(base, HEAVY_TEAM, { type: 'app_home_opened', user: HEAVY_REQUESTER, channel: 'DHOME', tab: 'home', event_ts: '1.1' });
    const call = await published;
    return r.status === 200 && call ? call.at - t0 : null;
  });

  let opened = 0;
  const open = () => slashCommand(base, HEAVY_TEAM, HEAVY_REQUESTER, 'CS1', `new Printer on floor 3 is on fire ${++opened}`);
  await measure('`/ticket new <title>`', 'ack', Math.ceil(samples / 2), async () => ok(await open()));
  await measure('`/ticket new <title>`', 'request → card posted (chat.postMessage)', Math.ceil(samples / 4), async () => {
    const title = `Scanner jammed ${++opened}`;
    const posted = nextCall(slack, (c) => c.method === 'chat.postMessage' && String(c.params.text ?? '').includes(title));
    const t0 = Date.now();
    const r = await slashCommand(base, HEAVY_TEAM, HEAVY_REQUESTER, 'CS1', `new ${title}`);
    const call = await posted;
    return r.status === 200 && call ? call.at - t0 : null;
  });

  // Split a 50-message thread: the shortcut (modal filled once the thread is read), then the submission.
  let view: Record<string, unknown> | null = null;
  await measure('split a 50-message thread', 'shortcut → modal with the messages (views.update)', Math.max(3, Math.ceil(samples / 20)), async () => {
    const updated = nextCall(slack, (c) => c.method === 'views.update');
    const t0 = Date.now();
    const r = await interactivity(base, {
      type: 'message_action', callback_id: 'split_conversation', trigger_id: triggerId(), team: { id: HEAVY_TEAM, domain: 'bench' },
      user: { id: AGENT, team_id: HEAVY_TEAM, name: 'agent' }, channel: { id: SPLIT_CHANNEL, name: 'support' },
      message: splitThread()[10], message_ts: splitThread()[10].ts, response_url: 'http://127.0.0.1:9/respond', token: 'bench',
    });
    const call = await updated;
    if (call) view = (typeof call.params.view === 'string' ? JSON.parse(call.params.view) : call.params.view) as Record<string, unknown>;
    return r.status === 200 && call ? call.at - t0 : null;
  });
  await measure('split a 50-message thread', 'submit 5 tickets × 10 messages → ack', Math.max(3, Math.ceil(samples / 20)), async (i) => {
    if (!view) return null;
    const values: Record<string, Record<string, unknown>> = {};
    const ts = splitThread().map((m) => String(m.ts));
    for (let k = 1; k <= 5; k++) {
      values[`title_${k}`] = { [`title_${k}`]: { type: 'plain_text_input', value: `Split ${i} part ${k}` } };
      values[`messages_${k}`] = { [`messages_${k}`]: { type: 'multi_static_select', selected_options: ts.slice((k - 1) * 10, k * 10).map((value) => ({ value })) } };
    }
    const r = await interactivity(base, {
      type: 'view_submission', team: { id: HEAVY_TEAM, domain: 'bench' }, user: { id: AGENT, team_id: HEAVY_TEAM, name: 'agent' }, token: 'bench', trigger_id: triggerId(),
      view: { ...view, id: 'VSPLIT', team_id: HEAVY_TEAM, state: { values }, hash: 'h' },
    });
    return r.status === 200 && !r.body.includes('"errors"') ? r.ms : null;
  });
  return rows;
}

export function renderHttpPath(rows: PathRow[]): string {
  return table(
    ['path', 'measured', 'samples', 'p50 ms', 'p99 ms', 'max ms', 'failures'],
    rows.map((r): Cell[] => {
      const s = summarize(r.samples);
      return [r.path, r.what, s.n, s.p50, s.p99, s.max, r.failures];
    }),
  );
}
