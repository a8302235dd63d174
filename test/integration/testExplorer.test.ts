// Test Explorer inside the extension host: the workspace's traces are listed as tests, and a run verifies each
// against the demo server: the faithful recording passes, the edited one fails on exactly the edited answer with
// an expected/actual diff.
import * as assert from 'node:assert';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { getApi, waitFor, workspacePath } from './helpers';
import { editedCopy, recordWorkspaceTrace } from './replayTraces';

describe('Test Explorer: traces as tests', function () {
  this.timeout(90_000);
  const pass = () => workspacePath('traces', 'demo-pass.mcptrace');
  const fail = () => workspacePath('traces', 'demo-fail.mcptrace');

  before(async () => {
    await fs.mkdir(workspacePath('traces'), { recursive: true });
    await recordWorkspaceTrace(pass(), workspacePath());
    await editedCopy(pass(), fail());
  });
  after(async () => {
    await fs.rm(workspacePath('traces'), { recursive: true, force: true });
  });

  it('lists every .mcptrace in the workspace as a test', async () => {
    const tests = (await getApi()).replay.tests;
    await tests.refresh();
    const ids = tests.items().map((i) => i.id);
    assert.ok(ids.includes(vscode.Uri.file(pass()).toString()), `items: ${ids.join(', ')}`);
    assert.ok(ids.includes(vscode.Uri.file(fail()).toString()));
    assert.strictEqual(tests.controller.id, 'mcpWorkbench.traces');
  });

  it('a run passes the faithful trace and fails the edited one on exactly the changed answer, with a diff', async () => {
    const tests = (await getApi()).replay.tests;
    const passId = vscode.Uri.file(pass()).toString();
    const failId = vscode.Uri.file(fail()).toString();
    const outcomes = await tests.run([passId, failId]);
    assert.strictEqual(outcomes.get(passId)?.outcome, 'passed', outcomes.get(passId)?.message?.message?.toString());
    assert.strictEqual(outcomes.get(failId)?.outcome, 'failed');

    // The run's era is a child of the trace; the calls are its children.
    const failedChildren = [...outcomes.entries()].filter(([id, o]) => id.startsWith(`${failId}@auto#`) && o.outcome === 'failed');
    assert.strictEqual(failedChildren.length, 1, `failed: ${failedChildren.map(([id]) => id).join(', ')}`);
    const message = failedChildren[0][1].message!;
    assert.match(String(message.message), /\[answer-changed\] the answer to tools\/call echo changed: result\.content\[0\]\.text/);
    // Expected is what the (edited) recording says; actual is what the server answers now.
    assert.match(message.expectedOutput ?? '', /an answer the server no longer gives/);
    assert.match(message.actualOutput ?? '', /hello from the recording/);
    assert.ok(message.location?.uri.fsPath.endsWith('demo-fail.mcptrace'));
    const passedChildren = [...outcomes.entries()].filter(([id, o]) => id.startsWith(`${failId}@auto#`) && o.outcome === 'passed');
    assert.strictEqual(passedChildren.length, 3, 'tools/list, get_weather and resources/read still match');

    // Each answer is listed under the run's era, under its trace.
    const failItem = tests.controller.items.get(failId)!;
    assert.strictEqual(failItem.children.get(`${failId}@auto`)?.children.size, 4);

    // Runs pinned to each era sit next to it, each saying which era it replayed in.
    for (const era of ['2025-11-25', '2026-07-28'] as const) {
      const pinned = await tests.run([passId], era);
      assert.strictEqual(pinned.get(`${passId}@${era}`)?.outcome, 'passed', `${era}: ${pinned.get(`${passId}@${era}`)?.message?.message?.toString()}`);
      assert.match(tests.controller.items.get(passId)?.children.get(`${passId}@${era}`)?.description ?? '', new RegExp(`^recorded \\S+, replayed ${era}$`));
    }
    assert.deepStrictEqual(
      [...(tests.controller.items.get(passId)?.children ?? [])].map(([id]) => id.slice(passId.length)).sort(),
      ['@2025-11-25', '@2026-07-28', '@auto'],
    );
  });

  it('picks up a trace added while the window is open', async () => {
    const tests = (await getApi()).replay.tests;
    const extra = workspacePath('traces', 'later.mcptrace');
    await fs.copyFile(pass(), extra);
    await waitFor(() => tests.items().some((i) => i.uri?.fsPath === extra), 'the new trace to appear as a test', 15_000);
  });
});
