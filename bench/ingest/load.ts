/**
 * The load generator, a process of its own: autocannon against one loopback URL, each request a
 * freshly signed, unique Slack reply event. Bounded by time and by count; prints one JSON line.
 */
import autocannon from 'autocannon';
import { signedHeaders, SIGNING_SECRET } from '../slack-signing';
import { replyEvent } from './events';

export interface LoadSpec {
  url: string;
  connections: number;
  durationSec: number;
  maxRequests: number;
  firstSeq: number;
  threads: number;
}

export interface LoadResult {
  acks: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  p999: number;
  sent: number;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as LoadSpec;
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(spec.url)) throw new Error(`load only on loopback, not ${spec.url}`);
  let seq = spec.firstSeq;
  const started = Date.now();
  // autocannon ignores `duration` when `amount` is set, so the count bound stops it by hand.
  const last = spec.firstSeq + spec.maxRequests;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: spec.url,
      connections: spec.connections,
      duration: spec.durationSec,
      timeout: 10,
      requests: [{
        method: 'POST',
        setupRequest: (req) => {
          if (seq === last) setImmediate(() => instance.stop());
          const body = replyEvent(seq++, spec.threads);
          return { ...req, method: 'POST', body, headers: signedHeaders(body, 'application/json', SIGNING_SECRET) };
        },
      }],
    }, (error, r) => (error ? reject(error) : resolve(r)));
  });
  const seconds = (Date.now() - started) / 1000;
  const out: LoadResult = {
    acks: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration || seconds,
    rps: result["2xx"] / (result.duration || seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    p999: result.latency.p99_9,
    sent: seq - spec.firstSeq,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`load: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
