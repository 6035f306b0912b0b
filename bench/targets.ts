/** The targets against what this run measured: one table, written by the run. */
import { NO_SEARCH_INDEX, type IngestReport } from './ingest/run-ingest';
import { table, type Cell } from './report';
import type { ScaleResult } from './scale/run-scale';
import { summarize } from './stats';
import type { StartupResult } from './startup/run-startup';
import type { SweepResult } from './sweep/run-sweep';
import type { EmailInResult } from './email/run-email-in';
import type { EmailOutResult } from './email/run-email-out';

export interface RunResults {
  ingest?: IngestReport;
  scale?: ScaleResult;
  sweep?: SweepResult;
  startup?: StartupResult;
  emailIn?: EmailInResult;
  emailOut?: EmailOutResult;
  scaleTickets: number;
  sweepDue: number;
}

const verdict = (ok: boolean | null): string => (ok === null ? 'not measured' : ok ? 'holds' : '**missed**');

export function renderTargets(r: RunResults): string {
  const rows: Cell[][] = [];
  if (r.ingest) {
    const chamado = r.ingest.rows.filter((x) => x.target === 'Chamado');
    type Row = (typeof chamado)[number];
    const peak = (rs: Row[]) => rs.reduce<Row | null>((b, x) => (!b || x.result.rps > b.result.rps ? x : b), null);
    const pi = peak(r.ingest.rows.filter((x) => x.target.startsWith('ideal')));
    // The target is a throughput at a latency: the busiest level whose p99 is within 50 ms.
    const within = peak(chamado.filter((x) => x.result.p99 <= 50));
    const pc = peak(chamado);
    const ratio = (x: Row | null) => (x && pi ? x.result.rps / pi.result.rps : null);
    const describe = (x: Row | null) => (x && pi
      ? `${((ratio(x) ?? 0) * 100).toFixed(0)} % (${x.result.rps.toFixed(0)} acks/s at ${x.connections} connections, ` +
        `p99 ${x.result.p99} ms; ideal peak ${pi.result.rps.toFixed(0)})`
      : null);
    const target = 'persist-before-ack throughput ≥ 70 % of the ideal server\'s peak, with p99 ack ≤ 50 ms at that load';
    rows.push([target, describe(within), verdict(pi ? (ratio(within) ?? 0) >= 0.7 : null)]);
    rows.push(['(peak throughput, whatever the latency)', describe(pc), verdict(pc && pi ? (ratio(pc) ?? 0) >= 0.7 : null)]);
    // The search index's cost to ingest: the same Chamado on a twin database without it, same run, same levels.
    const bare = peak(r.ingest.rows.filter((x) => x.target === NO_SEARCH_INDEX));
    const indexed = bare && pc ? pc.result.rps / bare.result.rps : null;
    rows.push([
      'the search index does not halve ingest (peak with it ≥ 50 % of the peak without it)',
      indexed === null ? null : `${(indexed * 100).toFixed(0)} % (${pc!.result.rps.toFixed(0)} acks/s with, ${bare!.result.rps.toFixed(0)} without)`,
      verdict(indexed === null ? null : indexed >= 0.5),
    ]);
    const lost = chamado.reduce((sum, x) => sum + Math.max(0, x.result.acks - (x.stored ?? 0)), 0);
    rows.push(['zero events acked before they were stored', chamado.length ? `${lost} acked but not stored` : null, verdict(chamado.length ? lost === 0 : null)]);
    const rssRow = (label: string, rs: Row[]) => {
      const rss = rs.length ? Math.max(...rs.map((x) => x.rssMiB ?? 0)) : null;
      rows.push([label, rss === null ? null : `peak ${rss.toFixed(0)} MiB`, verdict(rss === null ? null : rss * 1.048576 <= 200)]);
    };
    rssRow('RSS ≤ 200 MB under the ingest load (as `npm start` runs it)', chamado);
    const uncapped = r.ingest.rows.filter((x) => x.target === 'Chamado, no heap cap');
    if (uncapped.length) rssRow('(the same without npm start\'s heap cap)', uncapped);
  }
  if (r.scale) {
    for (const path of r.scale.paths.filter((p) => /list|show/.test(p.path) && !/all/.test(p.path))) {
      const p99 = summarize(path.samples).p99;
      rows.push([`${path.path} p99 ≤ 30 ms at ${r.scaleTickets.toLocaleString('en-US')} tickets`, `${p99.toFixed(1)} ms (client side)`, verdict(p99 <= 30)]);
    }
    for (const web of r.scale.web) {
      const limit = web.kind === 'search' ? 100 : 50;
      const p99 = web.server.length ? summarize(web.server).p99 : null;
      rows.push([`${web.path} p99 ≤ ${limit} ms server side at ${r.scaleTickets.toLocaleString('en-US')} tickets`, p99 === null ? null : `${p99.toFixed(1)} ms`,
        verdict(p99 === null ? null : p99 <= limit)]);
    }
    rows.push(['no sequential scans on the big tables (hot queries)', `${r.scale.seqScans} statements with one`, verdict(r.scale.seqScans === 0)]);
  }
  if (r.sweep) {
    const three = r.sweep.byInstances.find((x) => x.instances === 3);
    const worst = Math.max(...r.sweep.byInstances.map((x) => x.seconds));
    const measured = `${worst.toFixed(2)} s at worst (the same row work as one SQL statement: ${r.sweep.floorSeconds.toFixed(2)} s)`;
    rows.push([`${r.sweepDue.toLocaleString('en-US')} due reminders swept and enqueued ≤ 10 s (1–3 instances)`, measured, verdict(worst <= 10)]);
    const twice = three ? `${three.duplicates} enqueued twice, ${r.sweep.deliveryDuplicates} delivered twice` : null;
    rows.push(['zero duplicates with 3 instances (enqueue, delivery)', twice, verdict(three ? three.duplicates === 0 && r.sweep.deliveryDuplicates === 0 : null)]);
  }
  if (r.startup) {
    rows.push(['cold start to healthy ≤ 5 s on embedded Postgres', `${r.startup.coldEmbeddedMaxMs.toFixed(0)} ms (worst run)`, verdict(r.startup.coldEmbeddedMaxMs <= 5000)]);
  }
  if (r.emailIn) {
    const e = r.emailIn;
    rows.push(['≥ 200 mails a second accepted and stored through the SMTP listener, none lost', `${e.mailsPerSecond.toFixed(0)} mails/s, ${e.lost} lost`,
      verdict(e.mailsPerSecond >= 200 && e.lost === 0)]);
    rows.push(['a reply mail in its Slack thread within 1 s at p99', e.replyP99Ms === null ? null : `${e.replyP99Ms.toFixed(0)} ms`,
      verdict(e.replyP99Ms === null ? null : e.replyP99Ms <= 1000)]);
  }
  if (r.emailOut) {
    rows.push(['a steady 100 mails a second out, delivery p99 ≤ 2 s, none lost', `p99 ${r.emailOut.p99Ms.toFixed(0)} ms, ${r.emailOut.lost} lost`,
      verdict(r.emailOut.p99Ms <= 2000 && r.emailOut.lost === 0)]);
  }
  return table(['target', 'measured in this run', 'verdict'], rows);
}
