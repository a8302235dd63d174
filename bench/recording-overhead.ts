// Benchmark: sequential tools/call latency against the demo server (stdio) with the traffic tap writing a trace vs
// without. Baseline: the SDK Client on the SDK stdio transport, no tap. Goal: Session + TraceWriter <= 1.05x the
// baseline. Two methods: A, separate runs (the plain reading of the goal) and B, interleaved blocks on three open
// connections (a hot loop where the fixed cost of recording weighs most), with client CPU per call.
// Prints figures, not pass/fail. Run: npm run bench:recording [-- --calls 2000]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Session } from '../src/core/client/session';
import type { ConnectTarget } from '../src/core/client/types';
import { TraceWriter } from '../src/core/traffic/traceWriter';

const CALLS = Number(process.argv[process.argv.indexOf('--calls') + 1]) || 2000;
const ROUNDS = 5; // method B: CALLS * ROUNDS calls per configuration
const DEMO = join(__dirname, '..', 'demo', 'server.mjs');
const TARGET: ConnectTarget = { kind: 'stdio', command: process.execPath, args: [DEMO] };

type Caller = { call(i: number): Promise<unknown>; close(): Promise<void> };

async function bareSdk(): Promise<Caller> {
  const client = new Client({ name: 'bench', version: '0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [DEMO], stderr: 'pipe' }));
  return { call: (i) => client.callTool({ name: 'echo', arguments: { text: `call ${i}` } }), close: () => client.close() };
}

async function session(traceFile?: string): Promise<Caller> {
  const writer = traceFile ? new TraceWriter(traceFile, { target: Session.traceTarget(TARGET) }) : undefined;
  const s = new Session();
  await s.connect(TARGET, { trace: writer });
  return {
    call: (i) => s.callTool('echo', { text: `call ${i}` }),
    close: async () => {
      await s.close();
      writer?.close();
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const BLOCK = 100;

/** The plain way: one configuration at a time, each on a fresh server, CALLS sequential calls, a few rounds. */
async function separateRuns(dir: string): Promise<void> {
  const results: number[][] = [[], [], []];
  for (let r = 0; r < 3; r++) {
    const makers = [() => bareSdk(), () => session(), () => session(join(dir, `sep${r}.mcptrace`))];
    for (let k = 0; k < makers.length; k++) {
      const idx = (k + r) % makers.length;
      const caller = await makers[idx]();
      try {
        for (let i = 0; i < 100; i++) await caller.call(i);
        const t0 = performance.now();
        for (let i = 0; i < CALLS; i++) await caller.call(i);
        results[idx].push((performance.now() - t0) / CALLS);
      } finally {
        await caller.close();
      }
    }
  }
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  const ratio = (xs: number[]) => median(xs.map((x, i) => x / results[0][i]));
  console.log(`A. separate runs: each configuration on its own fresh server, ${CALLS} calls, 3 rounds; medians`);
  console.log(`   SDK Client, no tap                   ${us(median(results[0]))} per call`);
  console.log(`   Session (tap, live events, no file)  ${us(median(results[1]))} per call  ratio ${ratio(results[1]).toFixed(3)}`);
  console.log(`   Session + TraceWriter (recording)    ${us(median(results[2]))} per call  ratio ${ratio(results[2]).toFixed(3)}  goal <= 1.05: ${ratio(results[2]) <= 1.05 ? 'met' : 'NOT met'}`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mcpwb-bench-rec-'));
  const traceFile = join(dir, 'recorded.mcptrace');
  try {
    await separateRuns(dir);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  // All three connections stay open; the calls alternate in blocks of BLOCK so that load from other processes on
  // the machine falls on every configuration alike. Each block's time is compared with the baseline block next to it.
  const callers: Caller[] = [await bareSdk(), await session(), await session(traceFile)];
  const names = ['SDK Client, no tap                  ', 'Session (tap, live events, no file) ', 'Session + TraceWriter (recording)   '];
  try {
    for (const c of callers) for (let i = 0; i < 200; i++) await c.call(i); // warm-up
    const blocks = Math.max(1, Math.round((CALLS * ROUNDS) / BLOCK));
    const times: number[][] = [[], [], []];
    const cpu: number[][] = [[], [], []];
    for (let b = 0; b < blocks; b++) {
      for (let k = 0; k < callers.length; k++) {
        const idx = (k + b) % callers.length; // rotate who goes first
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        for (let i = 0; i < BLOCK; i++) await callers[idx].call(i);
        times[idx].push((performance.now() - t0) / BLOCK);
        const c = process.cpuUsage(c0);
        cpu[idx].push((c.user + c.system) / 1000 / BLOCK); // ms of this process's CPU per call
      }
    }
    const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
    const ratio = (xs: number[]) => median(xs.map((x, i) => x / times[0][i]));
    console.log(`B. interleaved blocks: three connections open, ${blocks} blocks of ${BLOCK} calls each in turn (hot loop, less exposed to other load); medians`);
    // Client CPU per call is far less sensitive to other load than wall time; it shows what recording costs.
    console.log(`   ${names[0]}  ${us(median(times[0]))} per call (client CPU ${us(median(cpu[0]))})`);
    console.log(`   ${names[1]}  ${us(median(times[1]))} per call (client CPU ${us(median(cpu[1]))})  ratio ${ratio(times[1]).toFixed(3)}`);
    console.log(`   ${names[2]}  ${us(median(times[2]))} per call (client CPU ${us(median(cpu[2]))})  ratio ${ratio(times[2]).toFixed(3)}  (${(statSync(traceFile).size / 1e6).toFixed(1)} MB trace)`);
    console.log(`   recording costs ${us(median(cpu[2]) - median(cpu[1]))} of client CPU per call (${(statSync(traceFile).size / (blocks * BLOCK + 200)).toFixed(0)} bytes of trace per call)`);
    console.log(`   goal: recording ratio <= 1.05 -> ${ratio(times[2]) <= 1.05 ? 'met' : 'NOT met'} (median of per-block ratios against the neighbouring baseline block)`);
  } finally {
    for (const c of callers) await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
