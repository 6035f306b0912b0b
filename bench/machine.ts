import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  postgresWhere: string;
  loadAverage: string;
  at: string;
}

/** The commit, and the code files that differ from it (the tree is shared: others edit while we measure). */
function gitHead(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'migrations', 'bench', 'scripts'], { encoding: 'utf8' })
      .split('\n').filter(Boolean).map((l) => l.slice(3));
    return dirty.length ? `${head} plus uncommitted changes to ${dirty.join(', ')}` : head;
  } catch {
    return 'unknown';
  }
}

/** What every table is measured on; the load average tells how busy the shared machine was. */
export function describeMachine(postgres: string, postgresWhere: string): Machine & { commit: string } {
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres,
    postgresWhere,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' / '),
    at: new Date().toISOString(),
    commit: gitHead(),
  };
}

export function machineLine(m: ReturnType<typeof describeMachine>): string {
  return `${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.postgres} (${m.postgresWhere}); ` +
    `load average 1/5/15 min at start ${m.loadAverage}; commit ${m.commit}; ${m.at}`;
}
