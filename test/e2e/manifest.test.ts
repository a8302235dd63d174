// e2e: typing a mistake into the demo server.json shows our squiggle and its hover; the fix from the light
// bulb removes it; hovering a key shows the schema's documentation. Packaged VSIX in code-server, Chromium.
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { useWorkbench, waitForText } from './harness';

/** Moves the mouse onto the middle of an element (decorations do not take pointer events themselves). */
async function hoverOver(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  assert.ok(box, 'target has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
}

describe('manifest editing (packaged VSIX in code-server)', function () {
  const wb = useWorkbench('manifest');
  const editor = (): Locator => wb().page.locator('.editor-group-container.active .monaco-editor').first();

  it('shows a squiggle and its message while typing a version range into server.json', async () => {
    const { page } = wb();
    await wb().openFile('server.json');
    const lines = readFileSync(path.join(wb().workspace, 'server.json'), 'utf8').split('\n');
    const versionLine = lines.findIndex((l) => /^\s*"version": "0\.1\.0",$/.test(l)) + 1;
    assert.ok(versionLine > 0, 'demo server.json has no top-level "version": "0.1.0" line');
    await wb().goToLine(versionLine);
    await page.keyboard.press('End');
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowLeft'); // after the opening quote of 0.1.0
    await page.keyboard.type('^');
    const squiggle = editor().locator('.squiggly-error').first();
    await squiggle.waitFor({ state: 'visible', timeout: 30_000 });
    // The status bar names the schema the file is checked against.
    await page.locator('.statusbar-item', { hasText: 'server.json 2025-12-11' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await wb().step('squiggle');

    await hoverOver(page, squiggle);
    const hover = page.locator('.monaco-hover', { hasText: 'is a range' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await hover.innerText(), /"\^0\.1\.0" is a range; the registry needs one exact version/);
    assert.match(await hover.innerText(), /registry-version-range/);
    await wb().step('hover-message');
  });

  it('applies the quick fix from the light bulb and the squiggle goes away', async () => {
    const { page } = wb();
    await page.mouse.move(5, 400); // close the hover
    await page.keyboard.press('Escape');
    const bulb = editor().locator('.lightBulbWidget, .codicon-light-bulb, .codicon-lightbulb-autofix').first();
    await bulb.waitFor({ state: 'visible', timeout: 15_000 });
    await wb().step('light-bulb');
    await bulb.click();
    const action = page.locator('.action-widget .monaco-list-row, .context-view .action-item', { hasText: 'Use "0.1.0"' }).first();
    await action.waitFor({ state: 'visible', timeout: 15_000 });
    await wb().step('quick-fix-menu');
    await action.click();
    await editor().locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: 30_000 });
    await waitForText(page, '"version": "0.1.0"');
    await wb().step('fixed');
  });

  it('shows the schema documentation when hovering a key', async () => {
    const { page } = wb();
    const key = editor().locator('.view-line span', { hasText: '"description"' }).first();
    await key.waitFor({ state: 'visible' });
    await hoverOver(page, key);
    const hover = page.locator('.monaco-hover', { hasText: 'at most 100 characters' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await hover.innerText(), /server\.json 2025-12-11/);
    await wb().step('hover-schema-doc');
  });
});
