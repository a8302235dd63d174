import { strict as assert } from 'node:assert';
import { changedSpan } from '../../../src/core/util/changedSpan';

describe('changedSpan', () => {
  it('finds the replaced middle between a common start and a common end', () => {
    const before = '{"version": "1.0.9"}';
    const after = '{"version": "1.0.10"}';
    const s = changedSpan(before, after);
    assert.deepEqual(s, { start: 17, endBefore: 18, endAfter: 19 });
    assert.equal(before.slice(0, s.start) + after.slice(s.start, s.endAfter) + before.slice(s.endBefore), after);
  });

  it('gives an empty span for equal texts and does not let start and end overlap', () => {
    assert.deepEqual(changedSpan('abc', 'abc'), { start: 3, endBefore: 3, endAfter: 3 });
    // "aa" -> "aaa": the common start takes both a's, so the end may not count them again.
    assert.deepEqual(changedSpan('aa', 'aaa'), { start: 2, endBefore: 2, endAfter: 3 });
  });
});
