import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Compiles src/ into dist/ once for the child instances (they run the built app, like production). */
export function buildDist(): void {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  // tsc still writes every file when some other file has a type error; only a missing app is fatal.
  if (!existsSync(path.join(root, 'dist/src/app.js'))) throw new Error(`build failed:\n${result.stdout}${result.stderr}`);
}

export interface Instance {
  child: ChildProcess;
  instanceId: string;
  output: string[];
}

/** Starts test/support/automation-instance.js with `env` on top of a clean Chamado environment. */
export function startInstance(env: Record<string, string>): Promise<Instance> {
  const base: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, [path.join(__dirname, 'automation-instance.js')], { cwd: root, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start:\n${output.join('')}`)), 20_000);
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      output.push(d.toString());
      const ready = d.toString().split('\n').find((l) => l.startsWith('{"ready"'));
      if (ready) {
        clearTimeout(timer);
        resolve({ child, instanceId: (JSON.parse(ready) as { instanceId: string }).instanceId, output });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited with ${code}:\n${output.join('')}`));
    });
  });
}

/** SIGTERM (graceful) or SIGKILL; resolves when the process is gone. */
export function stopInstance(instance: Instance, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    instance.child.once('exit', () => resolve());
    instance.child.kill(signal);
  });
}
