import { readFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ on Linux

export interface ProcSample {
  cpuSeconds: number;
  rssMiB: number;
}

/** CPU seconds (user + system) and resident memory of one process, read from /proc. */
export function sampleProcess(pid: number): ProcSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / TICKS;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    return { cpuSeconds, rssMiB: rss ? Number(rss[1]) / 1024 : 0 };
  } catch {
    return null;
  }
}

export interface ProcWatch {
  stop(): { cpuPercent: number; peakRssMiB: number };
}

/** Samples a process every 100 ms: its average CPU (100 % = one core) and peak RSS over the window. */
export function watchProcess(pid: number): ProcWatch {
  const first = sampleProcess(pid);
  const started = process.hrtime.bigint();
  let peak = first?.rssMiB ?? 0;
  const timer = setInterval(() => {
    const s = sampleProcess(pid);
    if (s && s.rssMiB > peak) peak = s.rssMiB;
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      const last = sampleProcess(pid);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (last && last.rssMiB > peak) peak = last.rssMiB;
      const cpu = first && last ? ((last.cpuSeconds - first.cpuSeconds) / seconds) * 100 : 0;
      return { cpuPercent: cpu, peakRssMiB: peak };
    },
  };
}
