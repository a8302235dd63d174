// Benchmark: verify of a 10,000-call trace vs the same 10,000 calls made directly with the core client
// (Session.callTool in sequence, no trace), in each era and across eras (a 2025 trace verified against the server in
// 2026-07-28). The server is the era fixture that serves both eras. Both sides include starting the server and
// the handshake. Goal: verify <= 1.25x the direct calls. Prints figures (median of the rounds), not pass/fail.
// Rounds alternate which side runs first; the ratio is the median of the per-round ratios.
// Run: npm run bench:verify [-- --calls 10000 --rounds 5]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Session } from '../src/core/client';
import type { ProtocolChoice } from '../src/core/client/protocolChoice';
import type { ConnectTarget } from '../src/core/client/types';
import { verifyTrace } from '../src/core/replay/verify';
import { TraceWriter } from '../src/core/traffic/traceWriter';

const arg = (name: string, def: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || def;
const CALLS = arg('calls', 10_000);
const ROUNDS = arg('rounds', 5);
const target: ConnectTarget = { kind: 'stdio', command: process.execPath, args: [resolve(__dirname, '..', 'test', 'fixtures', 'servers', 'eras', 'both.mjs')] };

/** Wall time and this process's CPU time (user + system), ms: the CPU side is less disturbed by a busy machine. */
interface Cost {
  ms: number;
  cpuMs: number;
}

async function measure(run: () => Promise<void>): Promise<Cost> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

async function calls(protocol: ProtocolChoice, trace?: TraceWriter): Promise<number> {
  const t0 = performance.now();
  const s = new Session();
  await s.connect(target, { trace, protocol });
  for (let i = 0; i < CALLS; i++) {
    if (i % 2 === 0) await s.callTool('echo', { text: `call ${i}` });
    else await s.callTool('add', { a: i, b: i % 50 });
  }
  await s.close();
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function record(dir: string, protocol: ProtocolChoice): Promise<string> {
  const file = join(dir, `calls-${protocol}.mcptrace`);
  const writer = new TraceWriter(file, { target: Session.traceTarget(target) });
  const ms = await calls(protocol, writer);
  writer.close();
  console.log(`recorded ${CALLS} calls in ${protocol} in ${ms.toFixed(0)} ms (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB, ${writer.eventCount} events)`);
  return file;
}

/** Rounds alternate which side goes first, so neither always runs on a warmer (or busier) machine. */
async function compare(name: string, file: string, protocol: ProtocolChoice): Promise<void> {
  const direct: Cost[] = [];
  const verify: Cost[] = [];
  const verifyOnce = () =>
    measure(async () => {
      const report = await verifyTrace(file, { protocol });
      if (!report.ok) throw new Error(`verify did not pass: ${report.counts.failed} changed, ${report.counts.missing} missing, ${report.error ?? ''}`);
      if (report.counts.checks !== CALLS) throw new Error(`expected ${CALLS} checks, got ${report.counts.checks}`);
    });
  const directOnce = () => measure(async () => void (await calls(protocol)));
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      direct.push(await directOnce());
      verify.push(await verifyOnce());
    } else {
      verify.push(await verifyOnce());
      direct.push(await directOnce());
    }
  }
  const ratios = verify.map((v, i) => v.ms / direct[i].ms);
  const ratio = median(ratios);
  const d = median(direct.map((x) => x.ms));
  const v = median(verify.map((x) => x.ms));
  const cpu = median(verify.map((x, i) => x.cpuMs / direct[i].cpuMs));
  console.log(
    `${name.padEnd(34)} direct ${d.toFixed(0).padStart(6)} ms (${(d / CALLS).toFixed(3)} ms/call)   verify ${v.toFixed(0).padStart(6)} ms (${(v / CALLS).toFixed(3)} ms/call)   ratio ${ratio.toFixed(2)}x (rounds: ${ratios.map((x) => x.toFixed(2)).join(' ')}), client CPU ratio ${cpu.toFixed(2)}x  goal <= 1.25x ${ratio <= 1.25 ? 'OK' : 'OVER'}`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mcpwb-bench-verify-'));
  try {
    const t2025 = await record(dir, '2025-11-25');
    const t2026 = await record(dir, '2026-07-28');
    await compare('2025 trace, server in 2025-11-25', t2025, '2025-11-25');
    await compare('2026 trace, server in 2026-07-28', t2026, '2026-07-28');
    await compare('2025 trace, server in 2026-07-28', t2025, '2026-07-28');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
