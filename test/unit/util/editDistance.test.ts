import { strict as assert } from 'node:assert';
import { editDistance } from '../../../src/core/util/editDistance';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    assert.equal(editDistance('', ''), 0);
    assert.equal(editDistance('tools/list', 'tools/list'), 0);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('tools/lsit', 'tools/list'), 2);
  });

  it('is case-sensitive (callers fold case when they want to)', () => {
    assert.equal(editDistance('Name', 'name'), 1);
  });
});
