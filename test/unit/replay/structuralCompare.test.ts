// The matcher and its rules: wildcards, nested arrays, reordered keys, volatile values, numeric tolerance.
import * as assert from 'node:assert';
import { CompareRules, compareJson, describeDifference, formatPath, matchesPath, mergeRules, parsePathPattern, PathSyntaxError } from '../../../src/core/replay';

const diff = (a: unknown, b: unknown, spec = {}) => compareJson(a, b, new CompareRules(spec));
const paths = (a: unknown, b: unknown, spec = {}) => diff(a, b, spec).map((d) => `${d.kind} ${d.path}`);

describe('path patterns', () => {
  const m = (pattern: string, path: Array<string | number>) => matchesPath(parsePathPattern(pattern), path);

  it('matches keys, indices and [*]', () => {
    assert.ok(m('result.content[*].text', ['result', 'content', 3, 'text']));
    assert.ok(m('result.content[1].text', ['result', 'content', 1, 'text']));
    assert.ok(!m('result.content[1].text', ['result', 'content', 2, 'text']));
    assert.ok(!m('result.content[*].text', ['result', 'content', 'x', 'text']), '[*] is an index, not a key');
    assert.ok(!m('result.content[*]', ['result', 'content', 0, 'text']), 'a pattern matches the whole path');
  });

  it('matches * for one segment and ** for any depth, including zero', () => {
    assert.ok(m('result.*.id', ['result', 'order', 'id']));
    assert.ok(m('result.*.id', ['result', 0, 'id']));
    assert.ok(!m('result.*.id', ['result', 'a', 'b', 'id']));
    assert.ok(m('**.timestamp', ['timestamp']));
    assert.ok(m('**.timestamp', ['result', 'items', 4, 'meta', 'timestamp']));
    assert.ok(m('$..timestamp', ['result', 'timestamp']), 'JSONPath recursive descent');
    assert.ok(m('result.**.id', ['result', 'a', 0, 'b', 'id']));
  });

  it('reads quoted keys and $ prefixes; rejects malformed patterns with a sentence', () => {
    assert.ok(m('$.result["odd.key"]', ['result', 'odd.key']));
    assert.throws(() => parsePathPattern('result[abc]'), PathSyntaxError);
    assert.throws(() => parsePathPattern('result[1'), /not closed/);
    assert.throws(() => parsePathPattern(''), /empty/);
  });

  it('formats concrete paths the way patterns are written', () => {
    assert.strictEqual(formatPath(['result', 'content', 0, 'text']), 'result.content[0].text');
    assert.strictEqual(formatPath(['result', 'a.b']), 'result["a.b"]');
    assert.strictEqual(formatPath([]), '$');
  });
});

describe('structural compare', () => {
  it('ignores key order at every depth', () => {
    assert.deepStrictEqual(diff({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 }), []);
  });

  it('reports changed, missing, added and type differences with their paths', () => {
    assert.deepStrictEqual(paths({ a: 1, b: 2, c: 's' }, { a: 2, c: 3, d: true }), ['changed a', 'missing b', 'type c', 'added d']);
  });

  it('compares nested arrays by position, reporting extra and missing elements', () => {
    const a = { m: [[1, 2], [3, 4]] };
    assert.deepStrictEqual(paths(a, { m: [[1, 2], [3, 5]] }), ['changed m[1][1]']);
    assert.deepStrictEqual(paths(a, { m: [[1, 2]] }), ['missing m[1]']);
    assert.deepStrictEqual(paths(a, { m: [[1, 2, 9], [3, 4]] }), ['added m[0][2]']);
    assert.deepStrictEqual(paths([1, 2], [2, 1]), ['changed [0]', 'changed [1]'], 'order of array elements matters');
  });

  it('skips ignored paths with wildcards, including their presence', () => {
    const a = { result: { content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] } };
    const b = { result: { content: [{ type: 'text', text: 'x' }, { type: 'text' }] } };
    assert.deepStrictEqual(paths(a, b), ['changed result.content[0].text', 'missing result.content[1].text']);
    assert.deepStrictEqual(diff(a, b, { ignore: ['result.content[*].text'] }), []);
    assert.deepStrictEqual(paths(a, { result: { content: [{ type: 'image', text: 'a' }, { type: 'text', text: 'b' }] } }, { ignore: ['result.content[*].text'] }), ['changed result.content[0].type'], 'only the ignored path is skipped');
    assert.deepStrictEqual(diff({ x: { y: [{ id: 1 }] } }, { x: { y: [{ id: 2 }] } }, { ignore: ['**.id'] }), []);
  });

  it('treats timestamps, UUIDs and volatile keys as equal when both sides have them', () => {
    assert.deepStrictEqual(diff({ at: '2024-01-01T10:00:00Z' }, { at: '2026-11-22T01:02:03.456Z' }), []);
    assert.deepStrictEqual(diff({ u: '0b6f6b1e-3f1a-4c47-9a39-2a0b7c1d2e3f' }, { u: '9d1c8f3a-1b2c-4d5e-8f9a-0b1c2d3e4f5a' }), []);
    assert.deepStrictEqual(diff({ timestamp: 1 }, { timestamp: 2 }), [], 'a default volatile key');
    assert.deepStrictEqual(paths({ generatedAt: 1 }, { generatedAt: 2 }), ['changed generatedAt']);
    assert.deepStrictEqual(diff({ generatedAt: 1 }, { generatedAt: 2 }, { volatileKeys: ['generatedAt'] }), []);
    assert.deepStrictEqual(paths({ taskId: 'a' }, {}), ['missing taskId'], 'a volatile key must still be present');
    assert.deepStrictEqual(paths({ at: '2024-01-01T10:00:00Z' }, { at: 'yesterday' }), ['changed at'], 'a timestamp against a non-timestamp differs');
    assert.deepStrictEqual(paths({ at: '2024-01-01T10:00:00Z' }, { at: '2024-01-02T10:00:00Z' }, { volatile: false }), ['changed at']);
  });

  it('applies numeric tolerance globally and per path (absolute and relative)', () => {
    assert.deepStrictEqual(paths({ t: 20.0 }, { t: 20.4 }), ['changed t']);
    assert.deepStrictEqual(diff({ t: 20.0 }, { t: 20.4 }, { numericTolerance: 0.5 }), []);
    assert.deepStrictEqual(paths({ t: 20.0 }, { t: 20.6 }, { numericTolerance: 0.5 }), ['changed t']);
    const spec = { tolerances: [{ path: 'result.items[*].price', relative: 0.01 }] };
    assert.deepStrictEqual(diff({ result: { items: [{ price: 100 }] } }, { result: { items: [{ price: 100.9 }] } }, spec), []);
    assert.deepStrictEqual(paths({ result: { items: [{ price: 100 }] } }, { result: { items: [{ price: 102 }] } }, spec), ['changed result.items[0].price']);
    assert.deepStrictEqual(paths({ result: { qty: 1 } }, { result: { qty: 1.005 } }, spec), ['changed result.qty'], 'other numbers stay exact');
  });

  it('rejects a negative tolerance with a sentence', () => {
    assert.throws(() => new CompareRules({ numericTolerance: -1 }), /non-negative number/);
  });

  it('merges rule specs: lists add up, later scalars win', () => {
    const m = mergeRules({ ignore: ['a'], numericTolerance: 1 }, undefined, { ignore: ['b'], volatile: false });
    assert.deepStrictEqual(m, { ignore: ['a', 'b'], numericTolerance: 1, volatile: false });
  });

  it('describes a changed type once: a null is just null', () => {
    assert.deepStrictEqual(diff({ v: '2' }, { v: null }).map(describeDifference), ['v: was string "2", now null']);
    assert.deepStrictEqual(diff({ v: 1 }, { v: '1' }).map(describeDifference), ['v: was number 1, now string "1"']);
  });
});
