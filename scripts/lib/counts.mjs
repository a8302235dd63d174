// Reads the `[counts] {...}` line that every mocha tier prints (see countingReporter.cjs).
export const COUNTS_PREFIX = '[counts] ';

/** Sums every counts line found in `text` (a tier may run several mocha processes); undefined when none. */
export function parseCounts(text) {
  let total;
  for (const line of text.split('\n')) {
    const i = line.indexOf(COUNTS_PREFIX);
    if (i < 0) continue;
    try {
      const c = JSON.parse(line.slice(i + COUNTS_PREFIX.length));
      total ??= { tests: 0, passes: 0, failures: 0, pending: 0 };
      for (const k of Object.keys(total)) total[k] += Number(c[k] ?? 0);
    } catch { /* a line that merely mentions the prefix */ }
  }
  return total;
}
