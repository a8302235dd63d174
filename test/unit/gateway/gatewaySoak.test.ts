// A short soak in the unit tier, in each era (GATEWAY_SOAK_SECONDS each, default 6); run soakRunner.ts directly for minutes.
import { strict as assert } from 'node:assert';
import { runSoak } from './soakRunner';

describe('gateway soak (bounded)', function () {
  const seconds = Number(process.env.GATEWAY_SOAK_SECONDS ?? 6);
  this.timeout((seconds + 30) * 1000);

  for (const [era, what] of [['2025', 'sessions'], ['2026', 'stateless clients over a pool']] as const) {
    it(`${era} era: ${seconds} s of concurrent ${what} with crashes, kills and dropped clients: every request answered once, no process left, memory flat`, async () => {
      const r = await runSoak(seconds, 8, era);
      assert.equal(r.unanswered, 0, 'every request gets an answer');
      assert.equal(r.duplicates, 0, 'no request gets two');
      assert.equal(r.otherErrorCount, 0, `unexpected errors: ${r.otherErrors.join(' | ')}`);
      assert.equal(r.childrenLeft, 0, 'no server process outlives the gateway');
      assert.ok(r.requests > 100, `only ${r.requests} requests`);
      assert.equal(r.ok + r.childGone + r.dropped, r.requests, 'every request is accounted for');
      assert.ok(r.crashes + r.kills + r.disconnects > 0, 'the soak exercised failures');
      assert.ok(r.heapEndMb - r.heapStartMb < 20, `heap grew from ${r.heapStartMb} MB to ${r.heapEndMb} MB`);
    });
  }
});
