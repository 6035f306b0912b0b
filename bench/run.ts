/**
 * `npm run bench` (quick) and `npm run bench:full`: every section. The full run writes its tables
 * into BENCHMARKS.md between their markers; the quick run, a smoke test, writes the same tables to
 * bench/results/quick/summary.md. Both write their raw output (every server's rows, the EXPLAIN
 * plans, the run's log) to bench/results/<profile>/. `--only=ingest,scale,sweep,startup,email-in,email-out` runs a subset.
 */
import path from 'node:path';
import { describeMachine, machineLine } from './machine';
import { openBenchPostgres } from './postgres';
import { REPORT, RESULTS, writeResult, writeSection } from './report';
import { EMAIL_OUT_PROFILES, runEmailOut } from './email/run-email-out';
import { runIngest } from './ingest/run-ingest';
import { runScale } from './scale/run-scale';
import { runStartup } from './startup/run-startup';
import { runSweep } from './sweep/run-sweep';
import { runEmailIn } from './email/run-email-in';
import { PROFILES, type Profile } from './profiles';
import { renderTargets, type RunResults } from './targets';

const logged: string[] = [];
const log = (line: string) => {
  logged.push(line);
  process.stdout.write(`${line}\n`);
};

function parseArgs(argv: string[]): { profile: Profile; only: Set<string> | null; arg: (name: string) => string | undefined } {
  const full = argv.includes('--full');
  const arg = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const base = full ? PROFILES.full : PROFILES.quick;
  // Profiles the Chamado process of the ingest, scale and email-in runs, e.g. --chamado-node-args=--cpu-prof,--cpu-prof-dir=/tmp/prof
  const chamadoNodeArgs = arg('chamado-node-args') ? { chamadoNodeArgs: arg('chamado-node-args')!.split(',') } : {};
  // Smoke-test knobs while developing: --levels=8,32 --seconds=2 --targets=ideal,bolt
  const profile: Profile = {
    ...base,
    ingest: {
      ...base.ingest,
      ...(arg('levels') ? { levels: arg('levels')!.split(',').map(Number) } : {}),
      ...(arg('seconds') ? { seconds: Number(arg('seconds')) } : {}),
      ...(arg('targets') ? { targets: arg('targets')!.split(',') } : {}),
      ...chamadoNodeArgs,
    },
    // --scale-db=<name> keeps the seeded scale database for the next run; --seed-only prepares it and stops.
    scale: { ...base.scale, ...chamadoNodeArgs, ...(arg('scale-db') ? { keepDatabase: arg('scale-db') } : {}), seedOnly: argv.includes('--seed-only') },
  };
  const only = arg('only');
  return { profile, only: only ? new Set(only.split(',')) : null, arg };
}

async function main(): Promise<void> {
  const { profile, only, arg } = parseArgs(process.argv.slice(2));
  const wanted = (s: string) => !only || only.has(s);
  const started = Date.now();
  const pg = await openBenchPostgres();
  const machine = describeMachine(pg.version, pg.where);
  const stamp = (what: string) => `Run \`${profile.command}\` (${profile.name}). Machine: ${machineLine(machine)}. ${what}`;
  const report = profile.name === 'full' ? REPORT : path.join(RESULTS, 'quick', 'summary.md');
  const section = (name: string, body: string) => writeSection(name, `${stamp('')}\n\n${body}`, report);
  log(`bench ${profile.name}: ${machineLine(machine)}`);
  const results: RunResults = { scaleTickets: Number(arg('tickets') ?? profile.scale.tickets), sweepDue: Number(arg('due') ?? profile.sweep.due) };
  try {
    if (wanted('ingest')) {
      log('ingest…');
      const ingest = await runIngest(pg, profile.ingest, log);
      results.ingest = ingest;
      const raw = writeResult(profile.name, 'ingest.md', `${stamp('')}\n\n${ingest.raw}`);
      section('ingest', `${ingest.markdown}\n\nEvery server's rows: \`${raw}\`.`);
    }
    if (wanted('scale')) {
      log('scale…');
      const scale = await runScale(pg, { ...profile.scale, tickets: results.scaleTickets }, log);
      if (profile.scale.seedOnly) {
        log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s; nothing measured (--seed-only)`);
        return;
      }
      results.scale = scale;
      const plans = writeResult(profile.name, 'scale-explain.md', `${stamp('')}\n\n${scale.plans}`);
      section('scale', `${scale.markdown}\n\nThe statements and their plans: \`${plans}\`.`);
    }
    if (wanted('sweep')) {
      log('sweep…');
      const sweep = await runSweep(pg, { ...profile.sweep, due: results.sweepDue }, log);
      results.sweep = sweep;
      section('sweep', sweep.markdown);
    }
    if (wanted('startup')) {
      log('startup…');
      const startup = await runStartup(pg, profile.startupRuns, log);
      results.startup = startup;
      section('startup', startup.markdown);
    }
    if (wanted('email-in')) {
      log('email-in…');
      // --mails=300 --reply-rate=200 --reply-seconds=15: a smaller mail-in run while developing.
      const sizes = { ...(arg('mails') ? { mails: Number(arg('mails')) } : {}), ...(arg('reply-rate') ? { replyRate: Number(arg('reply-rate')) } : {}),
        ...(arg('reply-seconds') ? { replySeconds: Number(arg('reply-seconds')) } : {}) };
      const emailIn = await runEmailIn(pg, profile.name, log, arg('chamado-node-args')?.split(',') ?? [], sizes);
      results.emailIn = emailIn;
      writeResult(profile.name, 'email-in.md', `${stamp('')}\n\n${emailIn.markdown}`);
      section('email-in', emailIn.markdown);
    }
    if (wanted('email-out')) {
      log('email-out…');
      const emailOut = await runEmailOut(pg, EMAIL_OUT_PROFILES[profile.name], log);
      results.emailOut = emailOut;
      writeResult(profile.name, 'email-out.md', `${stamp('')}\n\n${emailOut.markdown}`);
      section('email-out', emailOut.markdown);
    }
    // The targets table sums up one whole run; a partial run (--only) prints its rows instead.
    if (only) log(renderTargets(results));
    else section('targets', renderTargets(results));
  } finally {
    await pg.stop();
    writeResult(profile.name, 'run.log', logged.join('\n'));
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  log(`bench ${profile.name} done in ${seconds} s; tables written to ${path.relative(process.cwd(), report)}, raw output to bench/results/${profile.name}/`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
