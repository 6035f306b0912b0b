import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** The reference: the full run writes its tables here. */
export const REPORT = path.join(ROOT, 'BENCHMARKS.md');

/** Raw output of the latest run of each profile (git ignores it): `bench/results/<profile>/`. */
export const RESULTS = path.join(ROOT, 'bench', 'results');

/** Writes one raw result file of the latest `profile` run; answers its path relative to the repository. */
export function writeResult(profile: string, file: string, text: string): string {
  const dir = path.join(RESULTS, profile);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, file), `${text.trim()}\n`);
  return path.relative(ROOT, path.join(dir, file));
}

export type Cell = string | number | null;

const cell = (v: Cell) => (v === null ? '–' : typeof v === 'number' ? formatNumber(v) : v);

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export function table(head: string[], rows: Cell[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

const start = (name: string) => `<!-- bench:${name}:start -->`;
const end = (name: string) => `<!-- bench:${name}:end -->`;

/**
 * Replaces what lies between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->` in `file`
 * (BENCHMARKS.md), so the prose around the tables stays. A missing section is appended.
 */
export function writeSection(name: string, body: string, file = REPORT): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Latest quick run (a smoke test; the reference is BENCHMARKS.md)\n';
  const block = `${start(name)}\n${body.trim()}\n${end(name)}`;
  const from = text.indexOf(start(name));
  const to = text.indexOf(end(name));
  const next = from >= 0 && to > from
    ? text.slice(0, from) + block + text.slice(to + end(name).length)
    : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
