// Traffic rows for the inspector's table: pairing, latency, previews; and the row sources that feed the table.
import { strict as assert } from 'node:assert';
import { TrafficRowBuilder } from '../../../src/shared/trafficRows';
import { ArrayRowSource, FilteredRowSource } from '../../../src/webview/components/rowSource';
import { expandTemplate, templateVariables } from '../../../src/webview/inspector/uriTemplate';
import { pruneUntouched } from '../../../src/webview/components/formValues';
import { InspectorStore } from '../../../src/webview/inspector/inspectorStore';
import { paramInputs, toolInput, withParamInput, withToolInput } from '../../../src/webview/inspector/formInputs';
import type { Catalogue, ConnectionView, InspectorViewState } from '../../../src/shared/inspectorProtocol';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('TrafficRowBuilder', () => {
  it('pairs a response with its request by direction and id, with latency', () => {
    const b = new TrafficRowBuilder();
    const req = b.add({ type: 'message', t: 10, dir: 'send', msg: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo' } } });
    const note = b.add({ type: 'message', t: 12, dir: 'recv', msg: { jsonrpc: '2.0', method: 'notifications/progress', params: { progress: 1 } } });
    // A server->client request with the same id must not be confused with ours.
    const serverReq = b.add({ type: 'message', t: 13, dir: 'recv', msg: { jsonrpc: '2.0', id: 1, method: 'sampling/createMessage', params: {} } });
    const res = b.add({ type: 'message', t: 25.5, dir: 'recv', msg: { jsonrpc: '2.0', id: 1, result: { content: [] } } });
    const ourAnswer = b.add({ type: 'message', t: 30, dir: 'send', msg: { jsonrpc: '2.0', id: 1, result: { role: 'assistant' } } });
    assert.equal(req.kind, 'request');
    assert.equal(note.kind, 'notification');
    assert.equal(serverReq.kind, 'request');
    assert.deepEqual([res.kind, res.pairSeq, res.latencyMs, res.method], ['response', req.seq, 15.5, 'tools/call']);
    assert.deepEqual([ourAnswer.pairSeq, ourAnswer.latencyMs, ourAnswer.method], [serverReq.seq, 17, 'sampling/createMessage']);
  });

  it('marks errors, stderr and transport events, and clips previews', () => {
    const b = new TrafficRowBuilder();
    b.add({ type: 'message', t: 0, dir: 'send', msg: { jsonrpc: '2.0', id: 'a', method: 'x' } });
    const err = b.add({ type: 'message', t: 1, dir: 'recv', msg: { jsonrpc: '2.0', id: 'a', error: { code: -32601, message: 'Method not found' } } });
    assert.equal(err.kind, 'error');
    assert.equal(err.preview, '-32601 Method not found');
    assert.equal(b.add({ type: 'stderr', t: 2, text: 'boom' }).kind, 'stderr');
    assert.equal(b.add({ type: 'transport', t: 3, event: 'close' }).method, 'close');
    const long = b.add({ type: 'message', t: 4, dir: 'send', msg: { jsonrpc: '2.0', method: 'n', params: { s: 'x'.repeat(1000) } } });
    assert.ok(long.preview.length <= 160);
    assert.equal(long.seq, 4);
  });
});

describe('row sources', () => {
  it('filters incrementally as rows arrive and rescans on a new predicate', async () => {
    const base = new ArrayRowSource<number>();
    const even = new FilteredRowSource(base, (n) => n % 2 === 0);
    let notified = 0;
    even.subscribe(() => notified++);
    base.append([1, 2, 3, 4]);
    await tick();
    assert.equal(even.length, 2);
    assert.deepEqual([even.get(0), even.get(1)], [2, 4]);
    assert.equal(even.baseIndex(1), 3);
    base.append([6]);
    await tick();
    assert.equal(even.length, 3);
    assert.ok(notified >= 2);
    even.setPredicate((n) => n > 3);
    assert.deepEqual([even.get(0), even.get(1)], [4, 6]);
    even.setPredicate(undefined);
    assert.equal(even.length, 5);
  });

  it('batches notifications: many appends in one task notify once', async () => {
    const s = new ArrayRowSource<number>();
    let n = 0;
    s.subscribe(() => n++);
    for (let i = 0; i < 100; i++) s.append([i]);
    await tick();
    assert.equal(n, 1);
    assert.equal(s.length, 100);
  });

  it('filters 100,000 rows quickly', () => {
    const base = new ArrayRowSource<{ m: string }>();
    base.append(Array.from({ length: 100_000 }, (_, i) => ({ m: i % 10 === 0 ? 'tools/call' : 'ping' })));
    const started = performance.now();
    const f = new FilteredRowSource(base, (r) => r.m === 'tools/call');
    const ms = performance.now() - started;
    assert.equal(f.length, 10_000);
    assert.ok(ms < 200, `filtering took ${ms} ms`);
  });
});

describe('URI templates', () => {
  it('lists variables of every operator once', () => {
    assert.deepEqual(templateVariables('file:///{+path}{?q,page}#{frag}/{id}{id}'), ['path', 'q', 'page', 'frag', 'id']);
  });

  it('expands simple, reserved and query expressions', () => {
    assert.equal(expandTemplate('demo://items/{id}', { id: 'a b' }), 'demo://items/a%20b');
    assert.equal(expandTemplate('file:///{+path}', { path: 'src/a b.ts' }), 'file:///src/a%20b.ts');
    assert.equal(expandTemplate('x://s{?q,page}', { q: 'mcp', page: '' }), 'x://s?q=mcp');
  });
});

describe('form values', () => {
  const root = {
    type: 'object',
    $defs: { email: { type: 'object', properties: { kind: { const: 'email' }, address: { type: 'string' } }, required: ['kind', 'address'] } },
    properties: { customer: { type: 'object', properties: { name: { type: 'string' } } }, notify: { oneOf: [{ $ref: '#/$defs/email' }] }, opts: { $ref: '#/$defs/email' } },
    required: ['customer'],
  };

  it('drops optional objects still equal to what the form pre-filled, keeps required and edited ones', () => {
    const untouched = { customer: {}, notify: { kind: 'email' }, opts: { kind: 'email' } };
    const value = { customer: {}, notify: { kind: 'email' }, opts: { kind: 'email', address: 'a@b.c' } };
    assert.deepEqual(pruneUntouched(value, untouched, root, root), { customer: {}, opts: { kind: 'email', address: 'a@b.c' } });
  });

  it('leaves primitives and arrays alone', () => {
    assert.deepEqual(pruneUntouched({ a: 1, b: [1] }, { a: 1, b: [1] }, { type: 'object' }, {}), { a: 1, b: [1] });
  });
});

describe('InspectorStore traffic', () => {
  it('gives a request row its latency and its response seq when the response arrives in a later batch', async () => {
    const store = new InspectorStore(undefined, () => undefined);
    const b = new TrafficRowBuilder();
    store.apply({ type: 'traffic', rows: [b.add({ type: 'message', t: 1, dir: 'send', msg: { jsonrpc: '2.0', id: 1, method: 'ping' } })], reset: true });
    store.apply({ type: 'traffic', rows: [b.add({ type: 'message', t: 4, dir: 'recv', msg: { jsonrpc: '2.0', id: 1, result: {} } })] });
    await tick();
    assert.deepEqual([store.traffic.get(0)?.latencyMs, store.traffic.get(0)?.pairSeq], [3, 1]);
    assert.equal(store.traffic.get(1)?.pairSeq, 0);
  });

  it('keeps the view state it is given and persists updates', () => {
    const saved: unknown[] = [];
    const store = new InspectorStore({ tab: 'traffic', toolInputs: { echo: { text: 'x' } }, promptInputs: {}, toolHistory: {} }, (v) => saved.push(v));
    assert.equal(store.get().view.tab, 'traffic');
    store.updateView({ selectedTool: 'echo' });
    assert.deepEqual(saved, [{ tab: 'traffic', selectedTool: 'echo', toolInputs: { echo: { text: 'x' } }, promptInputs: {}, toolHistory: {} }]);
  });
});

describe('form inputs across an era switch', () => {
  const TEMPLATE = 'eras://notes/{name}';
  const catalogue = (withItems: boolean): Catalogue =>
    ({
      tools: withItems ? [{ name: 'confirm', inputSchema: { type: 'object', properties: { action: { type: 'string' } } } }] : [],
      resources: [],
      templates: withItems ? [{ name: 'note', uriTemplate: TEMPLATE }] : [],
      prompts: withItems ? [{ name: 'review', arguments: [{ name: 'language' }, { name: 'code' }] }] : [],
    }) as unknown as Catalogue;
  const connection = (status: ConnectionView['status'], protocol: ConnectionView['protocol']): ConnectionView => ({ status, target: 'node fixture.mjs', watchGlobs: [], autoReconnect: true, protocol });

  it('keeps what was typed per tool, prompt and template while the item is gone, and after a webview reload', () => {
    const saved: InspectorViewState[] = [];
    const store = new InspectorStore(undefined, (v) => saved.push(v));
    store.apply({ type: 'connection', connection: connection('connected', 'auto') });
    store.apply({ type: 'catalogue', catalogue: catalogue(true) });
    // What the forms do on each keystroke: a patch computed from the store's current view.
    const type = (patch: (v: InspectorViewState) => Partial<InspectorViewState>) => store.updateView(patch(store.get().view));
    type((v) => withToolInput(v, 'confirm', { action: 'deploy' }));
    type((v) => withParamInput(v, 'prompt', 'review', 'language', 'typescript'));
    type((v) => withParamInput(v, 'prompt', 'review', 'code', 'let x = 1'));
    type((v) => withParamInput(v, 'template', TEMPLATE, 'name', 'alpha'));
    // The developer pins another era: the panel reconnects, and the first list of the new session lacks the items.
    store.apply({ type: 'connection', connection: connection('connecting', '2026-07-28') });
    store.apply({ type: 'catalogue', catalogue: catalogue(false) });
    store.apply({ type: 'connection', connection: connection('connected', '2026-07-28') });
    store.apply({ type: 'catalogue', catalogue: catalogue(true) });
    const check = (view: InspectorViewState) => {
      assert.deepEqual(toolInput(view, 'confirm'), { action: 'deploy' });
      assert.deepEqual(paramInputs(view, 'prompt', 'review'), { language: 'typescript', code: 'let x = 1' });
      assert.deepEqual(paramInputs(view, 'template', TEMPLATE), { name: 'alpha' });
    };
    check(store.get().view);
    // A reloaded webview starts from what was persisted, and the panel's init carries the same state.
    const reloaded = new InspectorStore(saved.at(-1), () => undefined);
    check(reloaded.get().view);
    reloaded.apply({ type: 'init', target: { key: 'k', label: 'k' }, state: saved.at(-1), roots: [] });
    check(reloaded.get().view);
  });

  it('reads empty inputs for an item never typed into, and for state saved before templates were kept', () => {
    const old: InspectorViewState = { tab: 'resources', toolInputs: {}, promptInputs: {}, toolHistory: {} };
    assert.deepEqual(toolInput(old, 'confirm'), {});
    assert.deepEqual(paramInputs(old, 'template', TEMPLATE), {});
    assert.deepEqual(withParamInput(old, 'template', TEMPLATE, 'name', 'a'), { templateInputs: { [TEMPLATE]: { name: 'a' } } });
  });
});
