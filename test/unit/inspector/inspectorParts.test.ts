// The inspector controller's parts on their own, with fake sessions: which call an input round belongs to,
// cancelling, tasks of both eras as the Tasks tab shows them, deprecation notes in Lint, and links.
import { strict as assert } from 'node:assert';
import type { Session } from '../../../src/core/client';
import { CatalogueView } from '../../../src/extension/inspector/catalogueView';
import { checkedLink } from '../../../src/extension/inspector/clientAnswers';
import type { PanelContext } from '../../../src/extension/inspector/handlerTable';
import { TaskTracker, taskView } from '../../../src/extension/inspector/taskTracker';
import { ToolCalls } from '../../../src/extension/inspector/toolCalls';
import type { HostEvent } from '../../../src/shared/inspectorProtocol';

function context(session: Partial<Session>) {
  const events: HostEvent[] = [];
  const notes: string[] = [];
  const ctx: PanelContext = { post: (e) => events.push(e), requireSession: () => session as Session, note: (l) => notes.push(l) };
  return { ctx, events, notes };
}

describe('ToolCalls', () => {
  function fixture() {
    let finish: (v: unknown) => void = () => undefined;
    let signal: AbortSignal | undefined;
    const session = {
      info: { era: '2026', capabilities: {} },
      callTool: (_name: string, _args: unknown, o: { signal: AbortSignal }) => {
        signal = o.signal;
        return new Promise((resolve, reject) => {
          finish = resolve;
          o.signal.addEventListener('abort', () => reject(o.signal.reason));
        });
      },
    } as unknown as Session;
    const { ctx, events } = context(session);
    const abandoned: string[] = [];
    const noted: Array<string | undefined> = [];
    const calls = new ToolCalls({
      ...ctx,
      tasks: new TaskTracker({ ...ctx, noteMethod: () => undefined }),
      toolNamed: () => undefined,
      appFor: async () => undefined,
      noteMethod: (m) => noted.push(m),
      abandonClientRequests: (r) => abandoned.push(r),
    });
    return { calls, events, abandoned, noted, finish: (v: unknown) => finish(v), signal: () => signal };
  }
  const rounds = (events: HostEvent[]) => events.filter((e): e is Extract<HostEvent, { type: 'inputRound' }> => e.type === 'inputRound');

  it('names the panel call an input round belongs to, through the JSON-RPC id of its first tools/call', async () => {
    const f = fixture();
    const call = Promise.resolve(f.calls.handlers.callTool({ callId: 'c1', name: 'confirm', args: {} }));
    f.calls.observeSent({ id: 7, method: 'tools/call', params: { name: 'confirm' } });
    // A retry carries inputResponses and a new id; the round still names the first id.
    f.calls.observeSent({ id: 8, method: 'tools/call', params: { name: 'confirm', inputResponses: {} } as never });
    f.calls.inputRound({ callId: 7, round: 1, method: 'tools/call', requests: { ok: { method: 'elicitation/create' } } });
    f.calls.inputRound({ callId: 8, round: 2, method: 'tools/call', requests: { r: { method: 'roots/list' } } });
    const [first, second] = rounds(f.events);
    assert.deepEqual(first.round, { callId: 'c1', round: 1, method: 'tools/call', requests: [{ key: 'ok', method: 'elicitation/create' }] });
    assert.equal(second.round?.callId, undefined);
    assert.deepEqual(f.noted, ['elicitation/create', 'roots/list']);
    f.finish({ content: [] });
    const outcome = await call;
    assert.ok('result' in outcome && outcome.outputErrors.length === 0);
    assert.deepEqual(rounds(f.events).at(-1), { type: 'inputRound', callId: 'c1' }, 'the round is cleared when the call ends');
  });

  it('cancels a call: aborts its request and abandons its input forms', async () => {
    const f = fixture();
    const call = Promise.resolve(f.calls.handlers.callTool({ callId: 'c2', name: 'confirm', args: {} }));
    f.calls.observeSent({ id: 3, method: 'tools/call', params: { name: 'confirm' } });
    await f.calls.handlers.cancelCall({ callId: 'c2' });
    await assert.rejects(call, /Cancelled by the user/);
    assert.equal(f.signal()?.aborted, true);
    assert.deepEqual(f.abandoned, ['The call was cancelled.']);
  });

  it('ends every call in flight when the connection goes', async () => {
    const f = fixture();
    const call = Promise.resolve(f.calls.handlers.callTool({ callId: 'c3', name: 'x', args: {} }));
    f.calls.abortAll('The connection closed.');
    await assert.rejects(call, /The connection closed/);
  });
});

describe('TaskTracker', () => {
  it('shows a task of either era the same way', () => {
    assert.deepEqual(taskView({ taskId: 'a', status: 'working', ttl: 60_000, pollInterval: 500 }), { taskId: 'a', status: 'working', statusMessage: undefined, createdAt: undefined, lastUpdatedAt: undefined, ttl: 60_000, pollInterval: 500, waitingFor: undefined });
    const modern = taskView({ taskId: 'b', status: 'input_required', ttlMs: 1000, pollIntervalMs: 250, inputRequests: { approval: {} } });
    assert.deepEqual([modern.ttl, modern.pollInterval, modern.waitingFor], [1000, 250, ['approval']]);
    assert.equal(taskView({ taskId: 'c', status: 'working', ttl: null }).ttl, null);
  });

  it('merges updates into the task it knows and posts the list', () => {
    const { ctx, events } = context({});
    const t = new TaskTracker({ ...ctx, noteMethod: () => undefined });
    t.upsert({ taskId: 'a', status: 'working', statusMessage: 'starting' });
    t.upsert({ taskId: 'b', status: 'working' });
    t.upsert({ taskId: 'a', status: 'completed' });
    assert.deepEqual(t.tasks, [{ taskId: 'a', status: 'completed', statusMessage: 'starting' }, { taskId: 'b', status: 'working' }]);
    assert.equal(events.filter((e) => e.type === 'tasks').length, 3);
  });

  it('refreshes only unfinished tasks with tasks/get in the 2026 era (the extension has no tasks/list)', async () => {
    const asked: string[] = [];
    const session = { info: { era: '2026' }, getTask: async (id: string) => (asked.push(id), { taskId: id, status: 'completed' }), listTasks: async () => assert.fail('no tasks/list in 2026') } as unknown as Session;
    const { ctx } = context(session);
    const t = new TaskTracker({ ...ctx, noteMethod: () => undefined });
    t.upsert({ taskId: 'done', status: 'failed' });
    t.upsert({ taskId: 'running', status: 'working' });
    await t.handlers.listTasks({});
    assert.deepEqual(asked, ['running']);
    assert.equal(t.tasks.find((x) => x.taskId === 'running')?.status, 'completed');
  });
});

describe('CatalogueView', () => {
  it('adds a deprecation note to Lint the first time the server uses roots', async () => {
    const session = {
      info: { capabilities: { tools: {} } },
      listTools: async () => [{ name: 'echo', description: 'Echoes its input.', inputSchema: { type: 'object', properties: {} } }],
      cacheHints: () => undefined,
    } as unknown as Session;
    const { ctx, events } = context(session);
    const stored = new Map<string, unknown>();
    const view = new CatalogueView({ ...ctx, state: { get: <T>(k: string) => stored.get(k) as T, update: async (k, v) => void stored.set(k, v) }, hashesKey: 'h', declaresLogging: () => false });
    await view.load(session);
    assert.deepEqual(view.catalogue.tools.map((t) => t.name), ['echo']);
    const deprecated = () => (view.lint?.findings ?? []).filter((x) => x.code === 'deprecated-feature');
    assert.equal(deprecated().length, 0);
    assert.ok(stored.has('h'), 'the tool hashes are remembered');
    const lints = () => events.filter((e) => e.type === 'lint').length;
    const before = lints();
    view.noteMethod('roots/list');
    view.noteMethod('roots/list');
    view.noteMethod('tools/list');
    assert.equal(deprecated().length, 1);
    assert.equal(lints(), before + 1);
  });

  it('says in stderr which list failed and shows it empty', async () => {
    const session = { info: { capabilities: { tools: {}, prompts: {} } }, listTools: async () => [], listPrompts: async () => Promise.reject(new Error('boom')), cacheHints: () => undefined } as unknown as Session;
    const { ctx, notes } = context(session);
    const view = new CatalogueView({ ...ctx, state: { get: () => undefined, update: async () => undefined }, hashesKey: 'h', declaresLogging: () => false });
    await view.load(session);
    assert.deepEqual(view.catalogue.prompts, []);
    assert.deepEqual(notes, ['listing prompts failed: boom']);
  });
});

describe('checkedLink', () => {
  it('accepts web and mail links and says why it refuses the rest', () => {
    assert.equal(checkedLink('https://example.com/a').hostname, 'example.com');
    assert.equal(checkedLink('mailto:a@example.com').protocol, 'mailto:');
    assert.throws(() => checkedLink('file:///etc/passwd'), /Only http, https and mailto links can be opened \(got file:\)/);
    assert.throws(() => checkedLink('not a url'), /"not a url" is not a valid URL\./);
  });
});
