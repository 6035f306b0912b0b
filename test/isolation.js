#!/usr/bin/env node
'use strict';
/**
 * `npm run test:isolation`: proves that tests build their own data, without running each of the
 * suite's tests in a process of its own (too slow on a small machine). It runs
 *   1. every test file alone, each in its own jest process (two at a time);
 *   2. for each file, only its LAST test: one jest run over every file whose name pattern picks
 *      exactly that test in each file (jest gives every file its own module registry, fakes and
 *      database, so no test of another file can make its data);
 *   3. the same for a test in the MIDDLE of each file.
 * A test that passes in the whole file but fails here needs data an earlier test made.
 * Options: --files=<substring> limits the check to matching files; --skip-files skips step 1.
 * Prints what it ran and every failure; exits 1 on any.
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const jestBin = require.resolve('jest/bin/jest');
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--files='))?.slice('--files='.length);
const skipFiles = args.includes('--skip-files');
const out = mkdtempSync(path.join(tmpdir(), 'chamado-isolation-'));
let runs = 0;

function jest(jestArgs, label) {
  runs += 1;
  const json = path.join(out, `run-${runs}.json`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [jestBin, '--json', `--outputFile=${json}`, ...jestArgs], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code) => {
      let report = null;
      try {
        report = JSON.parse(readFileSync(json, 'utf8'));
      } catch {
        // jest failed before writing its report (a global setup error): the stderr says why
      }
      resolve({ label, code, report, stderr });
    });
  });
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const rel = (file) => path.relative(root, file);

/** Failed tests (or a failed file) of a jest report, as lines. */
function failures(result) {
  if (!result.report) return [`${result.label}: jest did not run\n${result.stderr.slice(-2000)}`];
  const lines = [];
  for (const file of result.report.testResults) {
    if (file.status === 'failed' && file.assertionResults.every((a) => a.status !== 'failed')) lines.push(`${rel(file.name)}: ${file.message.split('\n').slice(0, 12).join('\n')}`);
    for (const a of file.assertionResults.filter((t) => t.status === 'failed')) {
      lines.push(`${rel(file.name)} › ${a.fullName}\n    ${(a.failureMessages[0] ?? '').split('\n').slice(0, 6).join('\n    ')}`);
    }
  }
  return lines;
}

async function pool(tasks, width) {
  const results = [];
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }));
  return results;
}

async function main() {
  // The list of tests, in file order: a run whose pattern matches nothing reports every test as skipped.
  const listing = await jest(['--testNamePattern', '^ list only $', ...(only ? [only] : [])], 'listing');
  if (!listing.report) throw new Error(`could not list the tests:\n${listing.stderr}`);
  const files = listing.report.testResults
    .map((f) => ({ file: f.name, tests: f.assertionResults.map((a) => a.fullName) }))
    .sort((a, b) => a.file.localeCompare(b.file));
  const problems = [];
  const total = files.reduce((n, f) => n + f.tests.length, 0);
  process.stdout.write(`${files.length} test files, ${total} tests\n`);

  if (!skipFiles) {
    const started = Date.now();
    const results = await pool(files.map((f) => () => jest(['--maxWorkers=1', rel(f.file)], `file ${rel(f.file)} alone`)), 2);
    for (const r of results) problems.push(...failures(r));
    for (const f of problems) process.stdout.write(`   FAILED ${f.split('\n')[0]}\n`);
    const failed = results.filter((r) => failures(r).length).length;
    process.stdout.write(`1. each file alone: ${files.length} jest processes, ${((Date.now() - started) / 1000).toFixed(0)} s, ${failed} failed\n`);
  }

  for (const [step, pick] of [['2. last test of each file', (t) => t.length - 1], ['3. middle test of each file', (t) => Math.floor((t.length - 1) / 2)]]) {
    const picked = files.filter((f) => f.tests.length > 1).map((f) => ({ file: f.file, name: f.tests[pick(f.tests)] }));
    // A picked name must match no other test of its file, or that test would run too.
    const pattern = `^(${picked.map((p) => escapeRegExp(p.name)).join('|')})$`;
    const regex = new RegExp(pattern);
    const clashes = files.flatMap((f) => f.tests.filter((t) => regex.test(t) && !picked.some((p) => p.file === f.file && p.name === t)).map((t) => `${rel(f.file)} › ${t}`));
    if (clashes.length) problems.push(`${step}: these tests share a name with a picked one and ran too (rename them): ${clashes.join('; ')}`);
    const started = Date.now();
    const result = await jest(['--testNamePattern', pattern, ...picked.map((p) => rel(p.file))], step);
    const failed = failures(result);
    problems.push(...failed);
    for (const f of failed) process.stdout.write(`   FAILED ${f.split('\n')[0]}\n`);
    const ran = result.report ? result.report.numPassedTests + result.report.numFailedTests : 0;
    process.stdout.write(`${step}: ${picked.length} files, ${ran} tests ran alone in their file, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    for (const p of picked) process.stdout.write(`   ${rel(p.file)} › ${p.name}\n`);
  }

  if (problems.length) {
    process.stdout.write(`\nFAILED (${problems.length}):\n${problems.join('\n\n')}\n`);
    process.exit(1);
  }
  process.stdout.write('\nEvery file passed alone, and every picked test passed alone in its file.\n');
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
