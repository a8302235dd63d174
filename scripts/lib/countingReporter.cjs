// Mocha's spec reporter plus one machine-readable line at the end, which scripts/test-all.mjs reads:
//   [counts] {"tests":N,"passes":N,"failures":N,"pending":N}
// The integration suite prints the same line from inside the extension host (test/integration/index.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- mocha loads reporters as CommonJS
const Mocha = require('mocha');

class CountingSpecReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats ?? {};
      console.log(`[counts] ${JSON.stringify({ tests: s.tests ?? 0, passes: s.passes ?? 0, failures: s.failures ?? 0, pending: s.pending ?? 0 })}`);
    });
  }
}

module.exports = CountingSpecReporter;
