import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const DIST_BENCH = path.join(__dirname);

/** The heap cap scripts/start.js gives the bot: Chamado measured as `npm start` runs it. */
export const CHAMADO_HEAP_CAP = '--max-old-space-size=128';

export interface ServerChild {
  pid: number;
  port: number;
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a compiled bench entry (dist/bench/…) and waits for its `listening <port>` line. */
export function startServerChild(entry: string, env: Record<string, string>, nodeArgs: string[] = [], timeoutMs = 30_000): Promise<ServerChild> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, path.join(DIST_BENCH, entry)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stderr!.on('data', keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start in ${timeoutMs} ms:\n${out.slice(-2000)}`));
    }, timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code}:\n${out.slice(-2000)}`));
    });
    const watch = (chunk: Buffer) => {
      keep(chunk);
      const match = /^listening (\d+)$/m.exec(out);
      if (!match) return;
      child.stdout!.off('data', watch);
      child.stdout!.on('data', keep);
      clearTimeout(timer);
      child.removeAllListeners('close');
      const port = Number(match[1]);
      resolve({
        pid: child.pid!,
        port,
        url: `http://127.0.0.1:${port}`,
        output: () => out,
        stop: () => new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(force);
            done();
          });
          child.kill('SIGTERM');
        }),
      });
    };
    child.stdout!.on('data', watch);
  });
}

/** Runs a compiled bench entry to its end and returns its last stdout line parsed as JSON. */
export function runJsonChild<T>(entry: string, arg: unknown, env: Record<string, string> = {}): Promise<T> {
  const child = spawn(process.execPath, [path.join(DIST_BENCH, entry), JSON.stringify(arg)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${entry} exited with ${code}: ${err.slice(-2000)}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${entry} printed no JSON: ${out.slice(-500)} ${err.slice(-500)}`));
      }
    });
  });
}
