/**
 * `npm run bench` (quick) and `npm run bench:full`: every section, each table written into
 * BENCHMARKS.md between its markers. `--only=ingest,scale,sweep,startup` runs a subset.
 */
import { describeMachine, machineLine } from './machine';
import { openBenchPostgres } from './postgres';
import { writeSection } from './report';
import { runIngest } from './ingest/run-ingest';
import { runScale } from './scale/run-scale';
import { runStartup } from './startup/run-startup';
import { runSweep } from './sweep/run-sweep';
import { PROFILES, type Profile } from './profiles';
import { renderTargets, type RunResults } from './targets';

const log = (line: string) => process.stdout.write(`${line}\n`);

function parseArgs(argv: string[]): { profile: Profile; only: Set<string> | null; arg: (name: string) => string | undefined } {
  const full = argv.includes('--full');
  const arg = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const base = full ? PROFILES.full : PROFILES.quick;
  // Profiles the Chamado process of the ingest and scale runs, e.g. --chamado-node-args=--cpu-prof,--cpu-prof-dir=/tmp/prof
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
    scale: { ...base.scale, ...chamadoNodeArgs },
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
  log(`bench ${profile.name}: ${machineLine(machine)}`);
  const results: RunResults = { scaleTickets: Number(arg('tickets') ?? profile.scale.tickets), sweepDue: Number(arg('due') ?? profile.sweep.due) };
  try {
    if (wanted('ingest')) {
      log('ingest…');
      const ingest = await runIngest(pg, profile.ingest, log);
      results.ingest = ingest;
      writeSection(`ingest-${profile.name}`, `${stamp('')}\n\n${ingest.markdown}`);
    }
    if (wanted('scale')) {
      log('scale…');
      const scale = await runScale(pg, { ...profile.scale, tickets: results.scaleTickets }, log);
      results.scale = scale;
      writeSection(`scale-${profile.name}`, `${stamp('')}\n\n${scale.markdown}`);
    }
    if (wanted('sweep')) {
      log('sweep…');
      const sweep = await runSweep(pg, { ...profile.sweep, due: results.sweepDue }, log);
      results.sweep = sweep;
      writeSection(`sweep-${profile.name}`, `${stamp('')}\n\n${sweep.markdown}`);
    }
    if (wanted('startup')) {
      log('startup…');
      const startup = await runStartup(pg, profile.startupRuns, log);
      results.startup = startup;
      writeSection(`startup-${profile.name}`, `${stamp('')}\n\n${startup.markdown}`);
    }
    // The targets table sums up one whole run; a partial run (--only) prints its rows instead.
    if (only) log(renderTargets(results));
    else writeSection(`targets-${profile.name}`, `${stamp('')}\n\n${renderTargets(results)}`);
  } finally {
    await pg.stop();
  }
  log(`bench ${profile.name} done in ${((Date.now() - started) / 1000).toFixed(0)} s; tables written to BENCHMARKS.md`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
