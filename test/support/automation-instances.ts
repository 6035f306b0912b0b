import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Every child started and not yet exited, so a test that fails half-way leaves none behind. */
const running = new Set<ChildProcess>();

/** SIGKILLs every instance still running (afterAll). */
export async function killAllInstances(): Promise<void> {
  await Promise.all([...running].map((child) => new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  })));
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
  running.add(child);
  child.once('exit', () => running.delete(child));
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    // Generous: a loaded machine loads the SDKs slowly. A child that never got ready is killed, not left behind.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`instance did not start:\n${output.join('')}`));
    }, 40_000);
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
