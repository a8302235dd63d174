// Benchmark: verify of a 10,000-call trace against the demo server, vs the same 10,000 calls made directly with the
// core client (Session.callTool in sequence, no trace). Both include starting the server and initialize.
// Goal: verify <= 1.25x the direct calls. Prints figures (median of the rounds), not pass/fail.
// Run: npm run bench:verify [-- --calls 10000 --rounds 3]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Session } from '../src/core/client';
import type { ConnectTarget } from '../src/core/client/types';
import { verifyTrace } from '../src/core/replay/verify';
import { TraceWriter } from '../src/core/traffic/traceWriter';

const arg = (name: string, def: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || def;
const CALLS = arg('calls', 10_000);
const ROUNDS = arg('rounds', 3);
const target: ConnectTarget = { kind: 'stdio', command: process.execPath, args: [resolve(__dirname, '..', 'demo', 'server.mjs')] };

async function calls(trace?: TraceWriter): Promise<number> {
  const t0 = performance.now();
  const s = new Session();
  await s.connect(target, { trace });
  for (let i = 0; i < CALLS; i++) {
    if (i % 2 === 0) await s.callTool('echo', { text: `call ${i}`, repeat: 1 + (i % 3) });
    else await s.callTool('get_weather', { city: `City ${i % 50}` });
  }
  await s.close();
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mcpwb-bench-verify-'));
  try {
    const file = join(dir, 'calls.mcptrace');
    const writer = new TraceWriter(file, { target: Session.traceTarget(target) });
    const recordMs = await calls(writer);
    writer.close();
    console.log(`recorded ${CALLS} calls in ${recordMs.toFixed(0)} ms (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB, ${writer.eventCount} events)`);
    const direct: number[] = [];
    const verify: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      direct.push(await calls());
      const t0 = performance.now();
      const report = await verifyTrace(file);
      verify.push(performance.now() - t0);
      if (!report.ok) throw new Error(`verify did not pass: ${report.counts.failed} changed, ${report.counts.missing} missing, ${report.error ?? ''}`);
      if (report.counts.checks !== CALLS + 1) throw new Error(`expected ${CALLS + 1} checks, got ${report.counts.checks}`);
      console.log(`round ${r + 1}: direct ${direct[r].toFixed(0)} ms, verify ${verify[r].toFixed(0)} ms (${report.counts.checks} answers compared)`);
    }
    const d = median(direct);
    const v = median(verify);
    console.log(`direct calls with the core client: ${d.toFixed(0)} ms (${(d / CALLS).toFixed(3)} ms/call)`);
    console.log(`verify (read trace + replay + compare): ${v.toFixed(0)} ms (${(v / CALLS).toFixed(3)} ms/call)`);
    console.log(`ratio verify/direct: ${(v / d).toFixed(2)}x  goal <= 1.25x  ${v / d <= 1.25 ? 'OK' : 'OVER'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
