// Benchmark: how long Session.connect takes against the demo server, per era, over stdio (the server is spawned
// each time, as a face does) and over HTTP (the gateway serving the demo server in this process). Median and p90
// of N connects per case, cases interleaved round by round so a busy moment hits them all alike.
// `--baseline <dir>` also measures the Session of another checkout (e.g. a worktree of an older main, with its own
// node_modules) against the same servers, and prints each case's ratio to it.
// A node server inherits the environment: NODE_EXTRA_CA_CERTS, where set, costs it ~40 ms at start; run with and
// without it (`env -u NODE_EXTRA_CA_CERTS npm run bench:connect`) to tell the client's cost from the server's.
// Run: npm run bench:connect [-- --rounds 20 --baseline /tmp/oldmain]
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Session } from '../src/core/client';
import type { ConnectTarget } from '../src/core/client/types';
import { startGateway } from '../src/core/gateway/gateway';

const ROOT = resolve(__dirname, '..');
const argOf = (name: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
const ROUNDS = Number(argOf('rounds')) || 20;
const BASELINE = argOf('baseline');

interface Connector {
  connect(target: ConnectTarget, options: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}
type SessionClass = new () => Connector;

interface Case {
  name: string;
  sessions: SessionClass;
  transport: 'stdio' | 'http';
  options: Record<string, unknown>;
  times: number[];
}

async function connectOnce(c: Case, target: ConnectTarget): Promise<number> {
  const session = new c.sessions();
  const t0 = performance.now();
  await session.connect(target, { connectTimeoutMs: 20_000, ...c.options });
  const ms = performance.now() - t0;
  await session.close();
  return ms;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main(): Promise<void> {
  const demo = resolve(ROOT, 'demo', 'server.mjs');
  const stdio: ConnectTarget = { kind: 'stdio', command: process.execPath, args: [demo] };
  const gateway = await startGateway({ child: { command: process.execPath, args: [demo] }, auth: 'none', log: () => undefined });
  const http: ConnectTarget = { kind: 'http', url: gateway.url };
  // require (not import()): tsx's CommonJS hook compiles the other checkout's TypeScript, with its own node_modules.
  const baseline = BASELINE ? (createRequire(__filename)(resolve(BASELINE, 'src', 'core', 'client')) as { Session: SessionClass }).Session : undefined;
  const cases: Case[] = [];
  for (const transport of ['stdio', 'http'] as const) {
    for (const protocol of ['2025-11-25', '2026-07-28', 'auto']) cases.push({ name: `${transport} ${protocol}`, sessions: Session as unknown as SessionClass, transport, options: { protocol }, times: [] });
    if (baseline) cases.push({ name: `${transport} baseline (2025-11-25)`, sessions: baseline, transport, options: {}, times: [] });
  }
  try {
    for (const c of cases) await connectOnce(c, c.transport === 'stdio' ? stdio : http); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [...cases].reverse() : cases;
      for (const c of order) c.times.push(await connectOnce(c, c.transport === 'stdio' ? stdio : http));
    }
  } finally {
    await gateway.close();
  }
  console.log(`connect to the demo server, ${ROUNDS} connects per case (ms)`);
  console.log(`${'case'.padEnd(32)}${'median'.padStart(9)}${'p90'.padStart(9)}${baseline ? 'vs baseline'.padStart(13) : ''}`);
  for (const c of cases) {
    const base = cases.find((b) => b.transport === c.transport && b.sessions === baseline);
    const ratio = base && base !== c ? `${(quantile(c.times, 0.5) / quantile(base.times, 0.5)).toFixed(2)}x` : '';
    console.log(`${c.name.padEnd(32)}${quantile(c.times, 0.5).toFixed(1).padStart(9)}${quantile(c.times, 0.9).toFixed(1).padStart(9)}${ratio.padStart(13)}`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`bench:connect failed: ${(e as Error).message}`);
    process.exit(1);
  },
);
