// The inspector in the 2026-07-28 era, end to end: a modern-only server added to the workspace's mcp.json and
// inspected from the Servers view with the protocol pinned in the panel's header (form inputs kept across the
// reconnect); server/discover in Overview; a
// tool's input_required round answered through the elicitation form and shown in Traffic as one call; a task of the
// tasks extension that asks for input, answered the same way, followed to its result in the Tasks tab.
import * as assert from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { REPO_ROOT, useWorkbench, waitForText } from './harness';
import { connected, inspectorFrame, openTab, selectTool } from './inspectorPage';

/** test/fixtures/servers/eras/modern-only.mjs: serves 2026-07-28 only, with the shared era tool set and the tasks extension. */
const MODERN_ONLY = path.join(REPO_ROOT, 'test', 'fixtures', 'servers', 'eras', 'modern-only.mjs');

describe('inspector panel in the 2026-07-28 era (packaged VSIX in code-server)', function () {
  const wb = useWorkbench('inspector-eras');
  let f: Frame;

  it('inspects a modern-only server from the Servers view, pinned to 2026-07-28, and shows its server/discover', async () => {
    // The workspace's servers come from its .vscode/mcp.json: the demo server and, for this spec, the era fixture.
    const config = {
      servers: {
        demo: { type: 'stdio', command: 'node', args: ['${workspaceFolder}/server.mjs'] },
        modern: { type: 'stdio', command: 'node', args: [MODERN_ONLY] },
      },
    };
    writeFileSync(path.join(wb().workspace, '.vscode', 'mcp.json'), `${JSON.stringify(config, null, 2)}\n`);
    await wb().openView('MCP Workbench');
    const row = wb().treeItem('modern');
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.hover();
    await row.locator('.action-label[aria-label="Inspect Server..."]').click();
    f = await inspectorFrame(wb().page, 'era-modern-only');
    await connected(f);
    // Inputs typed before the switch, each in a form that then leaves the page with its tab: a tool's argument in
    // the JSON editor, and a resource template's parameter.
    await selectTool(f, '^confirm');
    await f.getByRole('radio', { name: 'JSON' }).click();
    await f.getByRole('textbox', { name: 'Arguments as JSON' }).fill('{ "action": "deploy" }');
    await openTab(f, 'Resources');
    await f.getByRole('option', { name: /A note by name/ }).click();
    const noteName = f.locator('.param-form input[type="text"]').first();
    await noteName.fill('alpha');
    await openTab(f, 'Tools');
    assert.strictEqual(await f.locator('#tool-confirm_action').inputValue(), 'deploy');
    // The era is chosen per server in the header; pinning it reconnects.
    const era = f.getByRole('combobox', { name: 'Protocol era' });
    await era.selectOption('2026-07-28');
    // Starting the fixture again takes a moment, long enough to see; a missed glimpse is no failure.
    await f.locator('.status-connecting').waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
    await connected(f);
    await f.locator('.negotiated-version', { hasText: '2026-07-28' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.strictEqual(await era.inputValue(), '2026-07-28');
    // The reconnect and the new lists keep what was typed.
    assert.strictEqual(await f.locator('#tool-confirm_action').inputValue(), 'deploy');
    await openTab(f, 'Resources');
    await f.getByRole('option', { name: /A note by name/ }).click();
    assert.strictEqual(await noteName.inputValue(), 'alpha');
    await f.getByText('URI: eras://notes/alpha').waitFor({ state: 'visible' });
    await openTab(f, 'Overview');
    const handshake = f.locator('section[aria-label="Handshake"]');
    await handshake.locator('h2', { hasText: 'server/discover' }).waitFor({ state: 'visible', timeout: 30_000 });
    await waitForText(f, 'stateless era, server/discover');
    await wb().step('era-overview');
  });

  it('answers an input_required round of a tool through the elicitation form, and Traffic shows one call', async () => {
    await selectTool(f, '^confirm');
    await f.locator('#tool-confirm_action').fill('deploy');
    await f.getByRole('button', { name: 'Call tool' }).click();
    const form = f.locator('section[aria-label="Elicitation request"]');
    await form.waitFor({ state: 'visible', timeout: 30_000 });
    await form.getByText('Really deploy?').waitFor({ state: 'visible' });
    await waitForText(f, 'The server needs input (round 1)');
    await form.locator('input[type="checkbox"]').first().check();
    await wb().step('input-round');
    await form.getByRole('button', { name: 'Accept' }).click();
    const result = f.locator('section[aria-label="Tool result"]');
    await result.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await result.innerText(), /confirmed: deploy/);
    await form.waitFor({ state: 'detached' });
    // The two rounds of the call read as one logical call; its twisty shows the rounds.
    await openTab(f, 'Traffic');
    const grouped = f.locator('.traffic .vtable-row', { hasText: /tools\/call.*· 2 rounds/ }).first();
    await grouped.waitFor({ state: 'visible', timeout: 30_000 });
    await grouped.locator('button[aria-expanded]').click();
    await f.locator('.traffic .vtable-row', { hasText: /round 1/ }).first().waitFor({ state: 'visible' });
    // Each row once, in order: a webview that loaded while rows waited in a batch used to get those rows twice.
    const seqs = (await f.locator('.traffic .vtable-row > [role="gridcell"]:first-child').allInnerTexts()).map(Number);
    assert.ok(seqs.length > 5 && seqs.every((s, i) => i === 0 || s > seqs[i - 1]), `row numbers: ${seqs.join(' ')}`);
    await wb().step('input-round-traffic');
  });

  it('runs a tool as a task of the tasks extension, answers the input it asks for, and shows its result', async () => {
    await selectTool(f, '^approve');
    await f.getByRole('button', { name: 'Run as task' }).click();
    const created = f.locator('section[aria-label="Task created"]');
    await created.waitFor({ state: 'visible', timeout: 30_000 });
    const taskId = /Task (\S+):/.exec(await created.locator('h3').innerText())?.[1];
    assert.ok(taskId, 'the panel names the created task');
    await openTab(f, 'Tasks');
    await waitForText(f, 'Tasks extension: polled with tasks/get');
    const row = f.locator('table[aria-label="Tasks"] tr', { hasText: taskId });
    await row.waitFor({ state: 'visible' });
    // tasks/get says input_required with the task's question, which shows as a form; the answer goes back with tasks/update.
    const form = f.locator('section[aria-label="Elicitation request"]');
    await form.waitFor({ state: 'visible', timeout: 30_000 });
    await form.getByText('Approve?').waitFor({ state: 'visible' });
    await row.locator('td', { hasText: 'input_required' }).waitFor({ state: 'visible', timeout: 30_000 });
    await form.locator('input[type="checkbox"]').first().check();
    await wb().step('task-input');
    await form.getByRole('button', { name: 'Accept' }).click();
    await row.locator('td.task-completed').waitFor({ state: 'visible', timeout: 30_000 });
    await row.getByRole('button', { name: `Result of ${taskId}` }).click();
    const resultSection = f.locator(`section[aria-label="Result of task ${taskId}"]`);
    await resultSection.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await resultSection.innerText(), /approved/);
    assert.doesNotMatch(await resultSection.innerText(), /not approved/);
    await wb().step('tasks');
  });
});
