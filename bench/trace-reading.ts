// Benchmark: TraceReader events/s on a 200k-event trace vs a bare line-by-line JSON.parse of the same file (same
// streaming reads, no validation, no pairing). Goal: TraceReader >= 0.7x the bare parse. Prints figures, not pass/fail.
// Run: npm run bench:trace-reading [-- --events 200000]
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TraceReader } from '../src/core/traffic/traceReader';
import { TraceWriter } from '../src/core/traffic/traceWriter';

const EVENTS = Number(process.argv[process.argv.indexOf('--events') + 1]) || 200_000;
const ROUNDS = 7;

function generate(file: string): number {
  const w = new TraceWriter(file, { target: { transport: 'stdio', command: 'node', args: ['server.js'] } });
  let t = 0;
  for (let i = 0; w.eventCount < EVENTS; i++) {
    t += 0.37;
    w.write({ type: 'message', t, dir: 'send', msg: { jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: 'search', arguments: { query: `query number ${i}`, limit: 10 }, _meta: { progressToken: i } } } });
    if (i % 10 === 0) w.write({ type: 'message', t: t + 0.05, dir: 'recv', msg: { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: i, progress: 1, total: 2 } } });
    if (i % 25 === 0) w.write({ type: 'stderr', t: t + 0.1, text: `[server] handled request ${i} in 0.2ms` });
    w.write({ type: 'message', t: t + 0.2, dir: 'recv', msg: { jsonrpc: '2.0', id: i, result: { content: [{ type: 'text', text: `Result ${i}: the quick brown fox jumps over the lazy dog` }], isError: false } } });
  }
  w.close();
  return w.eventCount;
}

async function bareParse(file: string): Promise<number> {
  let n = 0;
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + chunk;
    let start = 0;
    let nl = text.indexOf('\n');
    while (nl !== -1) {
      if (nl > start) {
        JSON.parse(text.slice(start, nl));
        n++;
      }
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    rest = text.slice(start);
  }
  if (rest) {
    JSON.parse(rest);
    n++;
  }
  return n - 1; // the header
}

async function readerIterate(file: string): Promise<number> {
  let n = 0;
  for await (const item of new TraceReader(file)) if (item.kind === 'event') n++;
  return n;
}

async function readerBatches(file: string): Promise<number> {
  let n = 0;
  for await (const batch of new TraceReader(file).batches()) for (const item of batch) if (item.kind === 'event') n++;
  return n;
}

async function time(fn: (f: string) => Promise<number>, file: string): Promise<{ ms: number; n: number }> {
  const t0 = performance.now();
  const n = await fn(file);
  return { ms: performance.now() - t0, n };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mcpwb-bench-trace-'));
  try {
    const file = join(dir, 'big.mcptrace');
    const g0 = performance.now();
    const total = generate(file);
    console.log(`generated ${total} events, ${(statSync(file).size / 1e6).toFixed(1)} MB in ${((performance.now() - g0) / 1000).toFixed(1)} s (TraceWriter, one write per line)`);
    const results: Record<string, number[]> = { bare: [], iterate: [], batches: [] };
    await time(bareParse, file); // warm-up
    await time(readerIterate, file);
    for (let r = 0; r < ROUNDS; r++) {
      // Interleaved so that machine noise hits all three alike.
      const b = await time(bareParse, file);
      const i = await time(readerIterate, file);
      const k = await time(readerBatches, file);
      if (b.n !== total || i.n !== total || k.n !== total) throw new Error(`event counts differ: ${b.n} ${i.n} ${k.n}`);
      results.bare.push(b.ms);
      results.iterate.push(i.ms);
      results.batches.push(k.ms);
    }
    const rate = (ms: number) => Math.round(total / (ms / 1000));
    // Ratios are taken within each round (the runs next to each other) and then the median: other load on the
    // machine shifts whole rounds, and pairing cancels most of that.
    const ratio = (xs: number[]) => median(xs.map((ms, r) => results.bare[r] / ms));
    console.log(`bare line-by-line JSON.parse        ${rate(median(results.bare)).toLocaleString('en')} events/s (median of ${ROUNDS} rounds)`);
    console.log(`TraceReader (for await item)        ${rate(median(results.iterate)).toLocaleString('en')} events/s  ratio ${ratio(results.iterate).toFixed(2)}`);
    console.log(`TraceReader.batches() (for await)   ${rate(median(results.batches)).toLocaleString('en')} events/s  ratio ${ratio(results.batches).toFixed(2)}`);
    console.log(`goal: ratio >= 0.70 -> ${ratio(results.iterate) >= 0.7 ? 'met' : 'NOT met'} (per-item iteration; ratios are medians of per-round ratios)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
