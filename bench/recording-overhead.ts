// Benchmark: sequential tools/call latency against the demo server (stdio) with the traffic tap writing a trace vs
// without. Baseline: the SDK Client on the SDK stdio transport, no tap. Goal: Session + TraceWriter <= 1.05x the
// baseline. Prints figures, not pass/fail. Run: npm run bench:recording [-- --calls 2000]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Session } from '../src/core/client/session';
import type { ConnectTarget } from '../src/core/client/types';
import { TraceWriter } from '../src/core/traffic/traceWriter';

const CALLS = Number(process.argv[process.argv.indexOf('--calls') + 1]) || 2000;
const ROUNDS = 7;
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

/** Mean latency per call (ms) over CALLS sequential calls, after a short warm-up. */
async function measure(caller: Caller): Promise<number> {
  for (let i = 0; i < 100; i++) await caller.call(i);
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) await caller.call(i);
  return (performance.now() - t0) / CALLS;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mcpwb-bench-rec-'));
  const bare: number[] = [];
  const tapped: number[] = [];
  const recorded: number[] = [];
  try {
    let traceBytes = 0;
    for (let r = 0; r < ROUNDS; r++) {
      // One fresh server per configuration and round, interleaved (and in a rotating order) so that machine noise
      // hits all alike.
      const configs = [
        [bare, () => bareSdk()],
        [tapped, () => session()],
        [recorded, () => session(join(dir, `r${r}.mcptrace`))],
      ] as Array<[number[], () => Promise<Caller>]>;
      for (let k = 0; k < configs.length; k++) {
        const [list, make] = configs[(k + r) % configs.length];
        const caller = await make();
        try {
          list.push(await measure(caller));
        } finally {
          await caller.close();
        }
      }
      traceBytes = statSync(join(dir, `r${r}.mcptrace`)).size;
    }
    const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
    // Ratios within each round, then the median: machine load shifts whole rounds, pairing cancels most of it.
    const ratio = (xs: number[]) => median(xs.map((x, r) => x / bare[r]));
    console.log(`sequential tools/call (echo) against the demo server over stdio, ${CALLS} calls x ${ROUNDS} rounds, medians:`);
    console.log(`SDK Client, no tap                   ${us(median(bare))} per call`);
    console.log(`Session (tap, live events, no file)  ${us(median(tapped))} per call  ratio ${ratio(tapped).toFixed(3)}`);
    console.log(`Session + TraceWriter (recording)    ${us(median(recorded))} per call  ratio ${ratio(recorded).toFixed(3)}  (${(traceBytes / 1e6).toFixed(1)} MB trace per round)`);
    console.log(`goal: recording ratio <= 1.05 -> ${ratio(recorded) <= 1.05 ? 'met' : 'NOT met'} (medians of per-round ratios)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
