// "Serve over HTTP" clicked for real: the code lens in the demo's mcp.json starts a gateway, the Gateways view
// shows it with its URL, "Copy Gateway URL" puts that URL on the clipboard, "Inspect over HTTP" opens an
// inspector that connects through the gateway and lists its HTTP exchanges in the Network view, and Stop removes it
// (packaged VSIX in code-server, Chromium).
import * as assert from 'node:assert';
import type { Locator } from 'playwright-core';
import { useWorkbench } from './harness';

const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/mcp/;

describe('Serve over HTTP (packaged VSIX in code-server)', function () {
  const wb = useWorkbench('gateway');
  let gatewayRow: Locator;

  it('shows the "Serve over HTTP" code lens on the demo server', async () => {
    const { page, context } = wb();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await wb().openView('MCP Workbench');
    await wb().treeItem('demo').click();
    const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Serve over HTTP' }).first();
    await lens.waitFor({ state: 'visible', timeout: 60_000 });
    await wb().step('code-lens');
  });

  it('starts a gateway from the code lens, and the Gateways view shows it with its URL', async () => {
    const { page } = wb();
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Serve over HTTP' }).first().click();
    gatewayRow = page.locator('.part.sidebar .monaco-list-row', { hasText: URL_PATTERN }).first();
    await gatewayRow.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await gatewayRow.innerText(), /demo/);
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'Sessions' }).first().waitFor({ state: 'visible' });
    // Both eras on one URL, and what the demo server answered before the gateway said it was ready.
    await page.locator('.part.sidebar .monaco-list-row', { hasText: /^Clients\s*2025 era .*2026-07-28 \(stateless\)/ }).first().waitFor({ state: 'visible' });
    await page.locator('.part.sidebar .monaco-list-row', { hasText: /^Server\s*2025-11-25/ }).first().waitFor({ state: 'visible' });
    await wb().step('gateway-running');
  });

  it('copies the gateway URL', async () => {
    const { page } = wb();
    const shown = URL_PATTERN.exec(await gatewayRow.innerText())![0];
    await gatewayRow.hover();
    await gatewayRow.locator('.action-label[aria-label="Copy Gateway URL"]').click();
    let copied = '';
    for (let i = 0; i < 50 && copied !== shown; i++) {
      await page.waitForTimeout(100);
      copied = await page.evaluate<string>('navigator.clipboard.readText()').catch(() => '');
    }
    assert.strictEqual(copied, shown);
    await wb().step('url-copied');
  });

  it('opens the inspector over HTTP: its session reaches the gateway and the panel shows it connected', async () => {
    const { page } = wb();
    await gatewayRow.hover();
    await gatewayRow.locator('.action-label[aria-label="Inspect over HTTP"]').click();
    await page.locator('.tabs-container .tab', { hasText: 'MCP: demo (gateway)' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    // The Requests row counts what reached the gateway: the inspector's connection (in either era) makes some.
    const requests = page.locator('.part.sidebar .monaco-list-row', { hasText: /^Requests\s*[1-9]/ }).first();
    await requests.waitFor({ state: 'visible', timeout: 60_000 });
    // The panel itself shows the connection and the demo server's tools, reached over HTTP.
    const frame = await wb().webviewFrame('.status.status-connected', { timeoutMs: 60_000 });
    assert.match(await frame.locator('.server-title').innerText(), /\S/);
    await wb().step('inspector-over-http');
  });

  it("shows the inspector session's raw HTTP exchanges in the Network view", async () => {
    const frame = await wb().webviewFrame('.status.status-connected', { timeoutMs: 60_000 });
    await frame.getByRole('tab', { name: /^Network/ }).click();
    const table = frame.locator('table[aria-label="HTTP exchanges"]');
    await table.waitFor({ state: 'visible', timeout: 30_000 });
    // Columns: time, method, URL, status, content type, Mcp-* headers, ms, OAuth step.
    const post = table.locator('tbody tr', { hasText: 'POST' }).first();
    await post.waitFor({ state: 'visible' });
    const [, method, url, status, contentType, , ms] = await post.locator('td').allInnerTexts();
    assert.strictEqual(method, 'POST');
    assert.match(url, /^127\.0\.0\.1:\d+\/mcp$/);
    assert.match(status, /^2\d\d$/);
    assert.match(contentType, /application\/json|text\/event-stream/);
    assert.match(ms, /^\d+\.\d$/);
    await post.click();
    const detail = frame.locator('section[aria-label="Exchange detail"]');
    await detail.waitFor({ state: 'visible' });
    assert.match(await detail.innerText(), /POST http:\/\/127\.0\.0\.1:\d+\/mcp → 2\d\d/);
    await wb().step('network');
  });

  it('stops the gateway from the view', async () => {
    const { page } = wb();
    await gatewayRow.hover();
    await gatewayRow.locator('.action-label[aria-label="Stop Gateway"]').click();
    await page.locator('.part.sidebar .monaco-list-row', { hasText: URL_PATTERN }).first().waitFor({ state: 'detached', timeout: 30_000 });
    await wb().step('gateway-stopped');
  });
});
