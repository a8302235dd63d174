// Per-method request metrics: count, errors and latency percentiles from a log-scale histogram (about 4%
// resolution, fixed memory, O(1) per sample), so recording stays cheap on the hot path.
const BUCKETS = 400;
const BASE = 1.04;
const MIN_MS = 0.01;

function bucketOf(ms: number): number {
  if (ms <= MIN_MS) return 0;
  return Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / MIN_MS) / Math.log(BASE)));
}

function bucketUpperMs(b: number): number {
  return MIN_MS * Math.pow(BASE, b);
}

class MethodStats {
  count = 0;
  errors = 0;
  readonly histogram = new Uint32Array(BUCKETS);

  percentile(p: number): number {
    if (!this.count) return 0;
    const target = Math.ceil(this.count * p);
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.histogram[b];
      if (seen >= target) return bucketUpperMs(b);
    }
    return bucketUpperMs(BUCKETS - 1);
  }
}

export interface MethodSummary {
  method: string;
  count: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
}

export class GatewayMetrics {
  private readonly methods = new Map<string, MethodStats>();
  totalRequests = 0;
  rejectedHttp = 0;

  record(method: string, latencyMs: number, isError: boolean): void {
    let s = this.methods.get(method);
    if (!s) this.methods.set(method, (s = new MethodStats()));
    s.count++;
    if (isError) s.errors++;
    s.histogram[bucketOf(latencyMs)]++;
    this.totalRequests++;
  }

  summary(): MethodSummary[] {
    return [...this.methods.entries()]
      .map(([method, s]) => ({
        method,
        count: s.count,
        errors: s.errors,
        p50Ms: round(s.percentile(0.5)),
        p99Ms: round(s.percentile(0.99)),
      }))
      .sort((a, b) => b.count - a.count);
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** A fixed-width text table of a metrics summary, for the CLI and the log. */
export function formatMetrics(rows: MethodSummary[]): string {
  if (!rows.length) return 'no requests';
  const lines = rows.map((r) => `${r.method.padEnd(32)} ${String(r.count).padStart(7)} ${String(r.errors).padStart(6)} ${r.p50Ms.toFixed(2).padStart(9)} ${r.p99Ms.toFixed(2).padStart(9)}`);
  return [`${'method'.padEnd(32)} ${'count'.padStart(7)} ${'errors'.padStart(6)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`, ...lines].join('\n');
}
