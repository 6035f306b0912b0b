import type { IngestOptions } from './ingest/run-ingest';
import type { ScaleOptions } from './scale/run-scale';
import type { SweepOptions } from './sweep/run-sweep';

export interface Profile {
  name: 'quick' | 'full';
  command: string;
  ingest: IngestOptions;
  scale: ScaleOptions;
  startupRuns: number;
  sweep: SweepOptions;
}

/** Sizes of the two runs: `quick` fits in about three minutes on two cores, `full` is the scale. */
export const PROFILES: Record<'quick' | 'full', Profile> = {
  quick: {
    name: 'quick',
    command: 'npm run bench',
    ingest: { levels: [8, 16, 32, 64], seconds: 3, maxRequestsPerLevel: 100_000, threads: 2_000, targets: ['ideal', 'bolt', 'chamado', 'chamado-no-search-index', 'pgbench'] },
    scale: { tickets: 100_000, messagesPerTicket: 10, workspaces: 200, samples: 100 },
    startupRuns: 1,
    sweep: { due: 20_000, channels: 2_000, deliverySeconds: 3 },
  },
  full: {
    name: 'full',
    command: 'npm run bench:full',
    ingest: { levels: [1, 8, 16, 32, 64, 128], seconds: 10, maxRequestsPerLevel: 300_000, threads: 2_000 },
    scale: { tickets: 1_000_000, messagesPerTicket: 10, workspaces: 200, samples: 300 },
    startupRuns: 3,
    sweep: { due: 100_000, channels: 2_000, deliverySeconds: 15 },
  },
};
