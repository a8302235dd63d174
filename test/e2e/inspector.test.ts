// The inspector panel end to end: the packaged extension in code-server, driven in Chromium like a user would,
// against the demo server and @modelcontextprotocol/server-everything. Screenshots of the main screens land in
// test-output/e2e/inspector*/ (the README's pictures in media/screenshots/ are copied from there).
import * as assert from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { REPO_ROOT, useWorkbench, waitForText } from './harness';
import { callAndWaitForResult, connected, inspectorFrame, inspectTypedCommand, openTab, selectTool, waitFor } from './inspectorPage';

describe('inspector panel on the demo server (packaged VSIX in code-server)', function () {
  const wb = useWorkbench('inspector-demo');
  let f: Frame;

  it('opens from the Servers view and shows the server', async () => {
    await wb().openView('MCP Workbench');
    const row = wb().treeItem('demo');
    await row.waitFor({ state: 'visible' });
    await row.hover();
    await row.locator('.action-label[aria-label="Inspect Server..."]').click();
    f = await inspectorFrame(wb().page, 'MCP Workbench demo server');
    await connected(f);
    // "auto" negotiates the modern era with the both-era demo server; the header shows the version next to the choice.
    assert.strictEqual(await f.getByRole('combobox', { name: 'Protocol era' }).inputValue(), 'auto');
    await f.locator('.negotiated-version', { hasText: '2026-07-28' }).waitFor({ state: 'visible' });
    await wb().step('overview');
  });

  it('fills a generated form with nested objects, an array of objects and a titled enum, and calls the tool', async () => {
    await selectTool(f, 'Create order');
    await f.locator('#tool-create_order_customer_name').fill('Ada Lovelace');
    await f.locator('#tool-create_order_customer_email').fill('ada@example.com');
    // A required array starts with one item; a second one is added and removed again through its buttons.
    await f.getByRole('button', { name: /Add/ }).first().click();
    await f.locator('#tool-create_order_items_1_sku').waitFor({ state: 'visible' });
    await f.getByRole('button', { name: 'Remove item' }).nth(1).click();
    await f.locator('#tool-create_order_items_1_sku').waitFor({ state: 'detached' });
    await f.locator('#tool-create_order_items_0_sku').fill('ABC-123');
    await f.locator('#tool-create_order_items_0_quantity').fill('2');
    await f.locator('#tool-create_order_shipping').selectOption({ label: 'Express (1-2 days)' });
    await wb().step('tools-form');
    const text = await callAndWaitForResult(f);
    assert.match(text, /Order for Ada Lovelace <ada@example.com>: 2 item\(s\), Express \(1-2 days\)\./);
    await wb().step('tools-result');
  });

  it('is keyboard navigable: arrow keys move between tabs and through the tool list', async () => {
    await openTab(f, 'Tools');
    const toolsTab = f.getByRole('tab', { name: /^Tools/ });
    await toolsTab.focus();
    await toolsTab.press('ArrowRight');
    await f.locator('[role="tab"][aria-selected="true"]', { hasText: 'Resources' }).waitFor();
    await f.locator('[role="tab"][aria-selected="true"]').press('ArrowLeft');
    await f.locator('[role="tab"][aria-selected="true"]', { hasText: 'Tools' }).waitFor();
    const list = f.getByRole('listbox', { name: 'Tools' });
    const before = await list.locator('[aria-selected="true"]').innerText();
    await list.focus();
    await list.press('ArrowDown');
    for (let i = 0; ; i++) {
      if ((await list.locator('[aria-selected="true"]').innerText()) !== before) break;
      assert.ok(i < 50, 'ArrowDown in the tool list selects the next tool');
      await wb().page.waitForTimeout(100);
    }
  });

  it('refuses to send a form that does not validate, and says why', async () => {
    await selectTool(f, 'Echo');
    await f.getByRole('button', { name: 'Call tool' }).click();
    await waitForText(f, 'required property "text"');
  });

  it('renders a oneOf as a choice of branches and sends the chosen one', async () => {
    await selectTool(f, 'Configure pipeline');
    await f.locator('#tool-configure_pipeline_steps_0_name').fill('test');
    await f.locator('#tool-configure_pipeline_steps_0_run').fill('npm test');
    await f.locator('#tool-configure_pipeline_notify__oneof_select').selectOption({ label: 'Webhook' });
    await f.locator('#tool-configure_pipeline_notify_url').fill('https://example.com/hook');
    const text = await callAndWaitForResult(f);
    assert.match(text, /Pipeline "build": test; notify POST https:\/\/example.com\/hook\./);
  });

  it('checks structured content against the output schema', async () => {
    await selectTool(f, 'Get weather');
    await f.locator('#tool-get_weather_city').fill('Lisbon');
    await callAndWaitForResult(f);
    await waitForText(f, "Matches the tool's outputSchema");
    await wb().step('structured-output');
  });

  it('shows progress of a long call and cancels it', async () => {
    await selectTool(f, 'Long task');
    await f.locator('#tool-long_task_steps').fill('50');
    await f.getByRole('button', { name: 'Call tool' }).click();
    await waitForText(f, 'of 50');
    await wb().step('progress');
    await f.getByRole('button', { name: 'Cancel' }).click();
    const failed = f.locator('section[aria-label="Call failed"]');
    await failed.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await failed.innerText(), /cancel/i);
  });

  it('answers an elicitation with a generated form', async () => {
    await selectTool(f, 'Confirm action');
    await f.getByRole('button', { name: 'Call tool' }).click();
    const form = f.locator('section[aria-label="Elicitation request"]');
    await form.waitFor({ state: 'visible', timeout: 15_000 });
    await waitForText(f, 'Really deploy to production?');
    await form.locator('input[type="checkbox"]').first().check();
    await wb().step('elicitation');
    await form.getByRole('button', { name: 'Accept' }).click();
    const result = f.locator('section[aria-label="Tool result"]');
    await result.waitFor({ state: 'visible' });
    assert.match(await result.innerText(), /Done: deploy to production/);
  });

  it('reviews and approves a sampling request', async () => {
    await selectTool(f, 'Summarize');
    await f.locator('#tool-summarize_text').fill('MCP lets models use tools and data.');
    await f.getByRole('button', { name: 'Call tool' }).click();
    const review = f.locator('section[aria-label="Sampling request"]');
    await review.waitFor({ state: 'visible', timeout: 15_000 });
    await review.locator('textarea').fill('Models reach tools through MCP.');
    await wb().step('sampling');
    await review.getByRole('button', { name: /Approve reply/ }).click();
    const result = f.locator('section[aria-label="Tool result"]');
    await result.waitFor({ state: 'visible' });
    assert.match(await result.innerText(), /Models reach tools through MCP\./);
  });

  it('lists the exchanged messages in the traffic pane, with details', async () => {
    await openTab(f, 'Traffic');
    const rows = f.locator('.traffic .vtable-row');
    await rows.first().waitFor({ state: 'visible' });
    await f.getByRole('textbox', { name: 'Method filter' }).fill('tools/call');
    const row = f.locator('.traffic .vtable-row', { hasText: 'tools/call' }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
    await f.locator('section[aria-label="Message detail"] pre').first().waitFor({ state: 'visible' });
    assert.match(await f.locator('section[aria-label="Message detail"]').innerText(), /"method": "tools\/call"|"content"/);
    await wb().step('traffic');
    await openTab(f, 'Lint');
    await waitForText(f, 'Context cost');
    await wb().step('lint');
  });

  it('shows why a crashing server fails, and connects after the fix with Retry', async () => {
    const script = path.join(wb().workspace, 'crashy.mjs');
    writeFileSync(script, "console.error('crashy: missing DATABASE_URL'); process.exit(3);\n");
    await inspectTypedCommand(wb(), 'node crashy.mjs');
    const c = await inspectorFrame(wb().page, 'node crashy.mjs');
    const diag = c.locator('section[aria-label="Connection problem"]');
    await diag.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await diag.innerText();
    assert.match(text, /exit/i);
    assert.match(text, /missing DATABASE_URL/);
    await wb().step('crash-diagnosis');
    writeFileSync(script, "import './server.mjs';\n");
    await diag.getByRole('button', { name: 'Retry' }).click();
    await connected(c);
  });
});

describe('inspector panel on server-everything', function () {
  const wb = useWorkbench('inspector-everything');
  const entry = path.join(REPO_ROOT, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

  it('connects to the reference server, subscribes to a resource and sees updates arrive', async () => {
    await inspectTypedCommand(wb(), `node ${entry} stdio`);
    const f = await inspectorFrame(wb().page, 'Everything', 90_000);
    await connected(f);
    await openTab(f, 'Resources');
    const first = f.getByRole('listbox', { name: 'Resources' }).getByRole('option').first();
    await first.click();
    await f.getByRole('button', { name: /Read/ }).first().click();
    await f.locator('.read-result').waitFor({ state: 'visible' });
    // The box is ticked once the server has accepted resources/subscribe.
    await f.getByLabel('Subscribe to updates').click();
    await f.locator('input[type="checkbox"]:checked').first().waitFor({ state: 'attached' });
    await selectTool(f, '[Ss]ubscriber');
    await callAndWaitForResult(f);
    await openTab(f, 'Resources');
    await waitForText(f, 'update', 30_000);
    await wb().step('resource-updates');
  });
});

/**
 * The official MCP Apps examples (npm), each served over stdio, with its tool and its server's name. `call`: the tool
 * the app calls through the host (after clicking `click`, or by itself), and what it logs when the answer is back;
 * `chart`: the app draws the result's structuredContent.
 */
interface OfficialApp {
  pkg: string;
  server: string;
  tool: string;
  call?: { tool: string; uri: string; click?: RegExp; answered?: string };
  chart?: boolean;
}
const OFFICIAL_APPS: OfficialApp[] = [
  ...['react', 'vue', 'svelte', 'preact', 'solid', 'vanillajs'].map((kind) => ({
    pkg: `server-basic-${kind}`,
    server: `Basic MCP App Server (${kind === 'vanillajs' ? 'Vanilla JS' : kind[0].toUpperCase() + kind.slice(1)})`,
    tool: 'Get Time',
    call: { tool: 'get-time', uri: 'ui://get-time/mcp-app.html', click: /Get Server Time/, answered: 'get-time result' },
  })),
  { pkg: 'server-budget-allocator', server: 'Budget Allocator Server', tool: 'Get Budget Data', chart: true },
  { pkg: 'server-scenario-modeler', server: 'SaaS Scenario Modeler', tool: 'Get Scenario Data', chart: true },
  // Polls an app-only tool (visibility ["app"]) by itself every 2 s and charts it.
  { pkg: 'server-system-monitor', server: 'System Monitor Server', tool: 'Get System Info', chart: true, call: { tool: 'poll-system-stats', uri: 'ui://system-monitor/mcp-app.html' } },
];

describe('inspector panel: the official MCP Apps examples', function () {
  const wb = useWorkbench('inspector-apps');
  /** Script errors and console errors of the sandbox page and the app documents inside it. */
  const appErrors: string[] = [];
  const appConsole: string[] = [];
  const inApp = (url: string) => url.includes('mcp-app-sandbox') || url.startsWith('about:srcdoc');

  before(() => {
    wb().page.on('pageerror', (e) => appErrors.push(`pageerror: ${e.message}`));
    wb().page.on('console', (m) => {
      const url = m.location().url ?? '';
      if (!inApp(url) && !m.text().startsWith('Received tool')) return;
      appConsole.push(m.text());
      if (m.type() === 'error') appErrors.push(`console error in ${url}: ${m.text()}`);
    });
  });

  // After the failure screenshot (useWorkbench's hook runs first): one app's panel and server at a time.
  afterEach(async () => {
    await wb().runCommand('View: Close All Editors');
  });

  for (const app of OFFICIAL_APPS) {
    it(`${app.pkg}: renders, gets the tool input and result${app.call ? ', and reaches the server through the host' : ' and draws it'}`, async () => {
      appErrors.length = 0;
      appConsole.length = 0;
      const entry = path.join(REPO_ROOT, 'node_modules', '@modelcontextprotocol', app.pkg, 'dist', 'index.js');
      await inspectTypedCommand(wb(), `node ${entry} --stdio`);
      const f = await inspectorFrame(wb().page, app.server, 90_000);
      await connected(f);
      await selectTool(f, app.tool);
      await callAndWaitForResult(f);
      const outer = f.locator('iframe[title^="MCP App"]');
      await outer.waitFor({ state: 'visible' });
      // The spec's sandbox proxy (allow-scripts allow-same-origin, no popups, no top navigation), on an origin
      // apart from the webview's and the workbench's; the app inside cannot reach the workbench.
      assert.strictEqual(await outer.getAttribute('sandbox'), 'allow-scripts allow-same-origin allow-forms');
      const sandboxOrigin = new URL((await outer.getAttribute('src')) ?? '').origin;
      assert.notStrictEqual(sandboxOrigin, new URL(f.url()).origin, 'the sandbox page is not on the webview origin');
      assert.notStrictEqual(sandboxOrigin, new URL(wb().page.url()).origin, "the sandbox page is not on the workbench's origin");
      const appFrame = f.frameLocator('iframe[title^="MCP App"]').frameLocator('iframe');
      // The frame has content: the app rendered into its body.
      await appFrame.locator('body *').first().waitFor({ state: 'attached', timeout: 30_000 });
      const deadline = Date.now() + 30_000;
      while ((await appFrame.locator('body').innerText()).trim().length === 0 && Date.now() < deadline) await wb().page.waitForTimeout(200);
      assert.ok((await appFrame.locator('body').innerText()).trim().length > 0, 'the app frame shows something');
      const appDoc = wb().page.frames().find((fr) => fr.parentFrame()?.url().includes('mcp-app-sandbox'));
      assert.ok(appDoc, "the app's document is a frame inside the sandbox page");
      assert.strictEqual(await appDoc.evaluate<string>("(() => { try { return String(window.top.location.href); } catch { return 'blocked'; } })()"), 'blocked', 'the app cannot read the workbench');
      // The bridge log says the app initialized; the basic apps log what they received.
      await f.locator('section[aria-label="MCP App"] summary', { hasText: 'Bridge messages' }).click();
      await waitForText(f, 'app initialized', 30_000);
      await wb().step(`${app.pkg}-app`);
      if (app.call?.click) {
        // The basic apps log what they received.
        await waitFor(() => appConsole.some((t) => t.startsWith('Received tool call input')), 'the app to log its tool input');
        await waitFor(() => appConsole.some((t) => t.startsWith('Received tool call result')), 'the app to log its tool result');
        await appFrame.getByRole('button', { name: app.call.click }).click();
      }
      if (app.chart) {
        // These apps draw the result's structuredContent: something beyond the shell.
        await appFrame.locator('canvas, svg, table, input[type="range"], input[type="number"]').first().waitFor({ state: 'attached', timeout: 30_000 });
      }
      if (app.call) {
        await waitForText(f, 'app → host tools/call', 30_000);
        if (app.call.answered) {
          // The answer came back into the app, which shows it (the basic apps show "[ERROR]" when the call throws).
          const answered = app.call.answered;
          await waitFor(() => appConsole.some((t) => t.startsWith(answered)), 'the app to log the result of its call');
          assert.doesNotMatch(await appFrame.locator('body').innerText(), /\[ERROR\]/);
        }
        await openTab(f, 'Traffic');
        await waitForText(f, `MCP App ${app.call.uri}: tools/call ${app.call.tool}`, 30_000);
      }
      await wb().step(`${app.pkg}-traffic`);
      assert.deepStrictEqual(appErrors, [], 'no script error inside the app frame');
    });
  }
});
