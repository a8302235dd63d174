// The trace viewer in a real browser (packaged VSIX in code-server): open a recorded trace in the custom editor,
// filter it, open a message's JSON, run Verify and see the changed answer in VS Code's diff editor.
import * as assert from 'node:assert';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { editedCopy, recordWorkspaceTrace } from '../integration/replayTraces';
import { useWorkbench, waitForText } from './harness';

/** Polls the drawn timeline rows until `ok` holds (the webview's CSP forbids evaluating strings in its frame). */
async function waitForRows(frame: Frame, ok: (texts: string[]) => boolean, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = await frame.locator('.vtable-row:not(.loading)').allInnerTexts();
    if (ok(texts)) return texts;
    if (Date.now() > deadline) throw new Error(`the timeline rows did not settle: ${JSON.stringify(texts.slice(0, 5))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('trace viewer (packaged VSIX in code-server)', function () {
  const wb = useWorkbench('trace-viewer');
  let frame: Frame;
  const pageErrors: string[] = [];
  afterEach(() => {
    const errors = pageErrors.splice(0);
    assert.deepStrictEqual(errors, [], 'no script errors in the page');
  });

  before(async function () {
    this.timeout(60_000);
    const ws = wb().workspace;
    const recorded = path.join(ws, 'recorded.mcptrace');
    await recordWorkspaceTrace(recorded, ws);
    await editedCopy(recorded, path.join(ws, 'session.mcptrace'));
  });

  it('opens a .mcptrace file in the trace viewer with its summary and timeline', async () => {
    const { page } = wb();
    // A script error in the webview fails the test that caused it, with the message.
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.locator('.monaco-workbench').click({ position: { x: 640, y: 5 } }).catch(() => undefined);
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('session.mcptrace');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'session.mcptrace' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    frame = await wb().webviewFrame('.trace-viewer', { timeoutMs: 60_000 });
    await waitForText(frame, 'MCP Workbench demo server');
    await frame.locator('.vtable-row:not(.loading)').first().waitFor({ state: 'visible' });
    assert.ok((await frame.locator('.vtable-row:not(.loading)').count()) > 5);
    await wb().step('trace-opened');
  });

  it('filters by method and opens a message', async () => {
    await frame.locator('select[aria-label="Method"]').selectOption('tools/call');
    await waitForRows(frame, (texts) => texts.length > 0 && texts.every((t) => t.includes('tools/call')));
    const echo = frame.locator('.vtable-row', { hasText: 'hello from the recording' }).first();
    await echo.click();
    const detail = frame.locator('.tv-detail .json-view');
    await detail.waitFor({ state: 'visible' });
    assert.match(await detail.innerText(), /"name": "echo"/);
    await wb().step('filtered-and-selected');
  });

  it('steps through the filtered timeline like a debugger: restart, next, run to a message, previous', async () => {
    const label = frame.locator('.tv-playhead-label');
    const lines = (await waitForRows(frame, (t) => t.length === 4)).map((t) => Number(t.trim().split(/\s+/)[0]));
    await frame.getByRole('button', { name: 'Restart' }).click();
    await label.filter({ hasText: `at line ${lines[0]}` }).waitFor();
    await frame.getByRole('button', { name: 'Next message' }).click();
    await label.filter({ hasText: `at line ${lines[1]}` }).waitFor();
    // The current exchange is highlighted: the response under the playhead and its request.
    assert.match(await frame.locator('.vtable-row.tv-playhead').innerText(), new RegExp(`^\\s*${lines[1]}\\b`));
    assert.match(await frame.locator('.vtable-row.tv-playhead-pair').innerText(), new RegExp(`^\\s*${lines[0]}\\b`));
    await frame.locator('.vtable-row').nth(3).click();
    await frame.getByRole('button', { name: 'Run to selected message' }).click();
    await label.filter({ hasText: `at line ${lines[3]}` }).waitFor({ timeout: 15_000 });
    await frame.getByRole('button', { name: 'Previous message' }).click();
    await label.filter({ hasText: `at line ${lines[2]}` }).waitFor();
    await wb().step('playback');
  });

  it('runs Verify, lists the changed answer and shows it in the diff editor', async () => {
    await frame.getByRole('button', { name: 'Verify', exact: true }).click();
    await frame.locator('.tv-verify-verdict', { hasText: '1 answer changed' }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await frame.locator('.tv-verify-item').first().innerText(), /tools\/call echo/);
    const { page } = wb();
    const diff = page.locator('.monaco-diff-editor').first();
    await diff.waitFor({ state: 'visible', timeout: 30_000 });
    await waitForText(page, 'recorded ↔ current');
    await waitForText(page, 'an answer the server no longer gives');
    await wb().step('verify-diff');
  });
});
