// Benchmark: diff and the replay view (what verify reads) on traces of growing size, up to the 200,000-event trace
// of bench:trace-open. Goal: linear in trace size (ms per 1,000 events about flat as the trace grows).
//  - read: readRecordedSession (stream, parse, pair, build the logical calls), what verify, diff and mock do first;
//  - diff: diffSessions of a trace with itself (the worst case: every call pairs and compares);
//  - cli: `mcp-workbench diff t t` end to end on the largest trace, with its peak RSS.
// Prints figures, not pass/fail. Run: npm run bench:trace-tools [-- --events 200000]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readRecordedSession } from '../src/core/replay/recordedSession';
import { diffSessions } from '../src/core/replay/traceDiff';
import { generateBenchTrace } from './trace-fixture';

const LARGEST = Number(process.argv[process.argv.indexOf('--events') + 1]) || 200_000;
const SIZES = [10_000, 16_000, 24_000, 50_000, LARGEST].filter((n, i, a) => n <= LARGEST && a.indexOf(n) === i);
const ROOT = resolve(__dirname, '..');

function traceOf(events: number): string {
  const dir = join(tmpdir(), 'mcpwb-bench');
  mkdirSync(dir, { recursive: true });
  // The largest is the very file bench:trace-open uses.
  const file = join(dir, `trace-open-${events}.mcptrace`);
  if (!existsSync(file)) generateBenchTrace(file, events);
  return file;
}

async function main(): Promise<void> {
  console.log('events     MB   read ms  read ms/1k   diff ms  diff ms/1k');
  for (const n of SIZES) {
    const file = traceOf(n);
    const t0 = performance.now();
    const s = await readRecordedSession(file);
    const t1 = performance.now();
    const d = diffSessions(s, s);
    const t2 = performance.now();
    if (!d.identical) throw new Error('a trace diffed with itself must be identical');
    const read = t1 - t0;
    const diff = t2 - t1;
    console.log(
      `${String(n).padStart(7)} ${(statSync(file).size / 1024 / 1024).toFixed(0).padStart(5)} ${read.toFixed(0).padStart(9)} ${((read / n) * 1000).toFixed(1).padStart(11)} ${diff.toFixed(0).padStart(9)} ${((diff / n) * 1000).toFixed(1).padStart(11)}`,
    );
  }
  const big = traceOf(LARGEST);
  const cli = spawnSync('/usr/bin/time', ['-f', '%e s %M KB', process.execPath, '--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'diff', big, big], { encoding: 'utf8', timeout: 600_000 });
  const usage = cli.stderr.trim().split('\n').pop();
  console.log(`cli: mcp-workbench diff of the ${LARGEST}-event trace with itself: exit ${cli.status}, ${usage} (elapsed, peak RSS)`);
  console.log(`     ${cli.stdout.split('\n')[2] ?? ''}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
