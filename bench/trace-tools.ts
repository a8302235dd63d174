// Benchmark: diff and the replay view (what verify reads) on traces of growing size: 10,000, 16,000 and 24,000 calls
// (the sizes at which diff once took 1.2 s, 8.3 s and more than 30 s) and the 200,000-event trace of
// bench:trace-open. Goal: linear in trace size (ms per 1,000 events about flat as the trace grows).
//  - read: readRecordedSession (stream, parse, pair, build the logical calls), what verify, diff and mock do first;
//  - diff: diffSessions of a trace with itself (the worst case: every call pairs and compares);
//  - cli: `mcp-workbench diff t t` end to end (the built dist/cli.js when present, else through tsx), with peak RSS.
// Prints figures, not pass/fail. Run: npm run bench:trace-tools [-- --events 200000]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readRecordedSession } from '../src/core/replay/recordedSession';
import { diffSessions } from '../src/core/replay/traceDiff';
import { generateBenchTrace } from './trace-fixture';

const LARGEST = Number(process.argv[process.argv.indexOf('--events') + 1]) || 200_000;
/** The fixture writes about 2.14 events per call (request, answer, a progress every 10th, a stderr line every 25th). */
const EVENTS_PER_CALL = 2 + 1 / 10 + 1 / 25;
const SIZES = [...[10_000, 16_000, 24_000].map((calls) => Math.round(calls * EVENTS_PER_CALL) + 2), LARGEST].filter((n, i, a) => n <= LARGEST && a.indexOf(n) === i);
const ROOT = resolve(__dirname, '..');
const BUILT = join(ROOT, 'dist', 'cli.js');
const CLI = existsSync(BUILT) ? [BUILT] : ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];

function traceOf(events: number): string {
  const dir = join(tmpdir(), 'mcpwb-bench');
  mkdirSync(dir, { recursive: true });
  // The largest is the very file bench:trace-open uses.
  const file = join(dir, `trace-open-${events}.mcptrace`);
  if (!existsSync(file)) generateBenchTrace(file, events);
  return file;
}

/** `mcp-workbench diff file file`: its exit code, elapsed seconds and peak RSS, and its summary line. */
function cliDiff(file: string): { status: number | null; usage: string; summary: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e s %M KB', process.execPath, ...CLI, 'diff', file, file], { encoding: 'utf8', timeout: 600_000 });
  return { status: r.status, usage: r.stderr.trim().split('\n').pop() ?? '', summary: r.stdout.split('\n')[2] ?? '' };
}

async function main(): Promise<void> {
  let summary = '';
  console.log('  calls  events     MB   read ms  read ms/1k   diff ms  diff ms/1k   cli diff t t (elapsed, peak RSS)');
  for (const n of SIZES) {
    const file = traceOf(n);
    const t0 = performance.now();
    const s = await readRecordedSession(file);
    const t1 = performance.now();
    const d = diffSessions(s, s);
    const t2 = performance.now();
    if (!d.identical) throw new Error('a trace diffed with itself must be identical');
    const calls = s.connections.reduce((sum, c) => sum + c.calls.length, 0);
    const read = t1 - t0;
    const diff = t2 - t1;
    const cli = cliDiff(file);
    if (cli.status !== 0) throw new Error(`mcp-workbench diff exited with ${cli.status}: ${cli.summary}`);
    summary = cli.summary;
    console.log(
      `${String(calls).padStart(7)} ${String(n).padStart(7)} ${(statSync(file).size / 1024 / 1024).toFixed(0).padStart(6)} ${read.toFixed(0).padStart(9)} ${((read / n) * 1000).toFixed(1).padStart(11)} ${diff.toFixed(0).padStart(9)} ${((diff / n) * 1000).toFixed(1).padStart(11)}   ${cli.usage}`,
    );
  }
  console.log(`cli, largest: ${summary}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
