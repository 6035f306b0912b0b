import type { IngestOptions } from './ingest/run-ingest';

export interface Profile {
  name: 'quick' | 'full';
  command: string;
  ingest: IngestOptions;
}

/** Sizes of the two runs: `quick` fits in about three minutes on two cores, `full` is the scale. */
export const PROFILES: Record<'quick' | 'full', Profile> = {
  quick: {
    name: 'quick',
    command: 'npm run bench',
    ingest: { levels: [8, 32, 64], seconds: 4, maxRequestsPerLevel: 100_000, threads: 2_000 },
  },
  full: {
    name: 'full',
    command: 'npm run bench:full',
    ingest: { levels: [1, 8, 32, 64, 128], seconds: 10, maxRequestsPerLevel: 300_000, threads: 2_000 },
  },
};
