// End-to-end harness: Chromium (playwright-core) clicking in code-server with the PACKAGED VSIX installed.
//
// Run: node scripts/run-e2e.mjs [--no-package] [--grep <regex>]   (npm test runs it as the `e2e` tier)
// It packages the extension (npm run package), then runs mocha over test/e2e/**/*.test.ts in plain node.
// One code-server per run (VSIX installed with `--install-extension`); each spec file gets its own browser
// context and its own copy of demo/ as the workspace.
//
// Writing a spec (test/e2e/<feature>.test.ts):
//   import { useWorkbench } from './harness';
//   describe('my feature', function () {
//     const wb = useWorkbench('my-feature');         // before(): opens the workbench; after(): closes it
//                                                    // useWorkbench(name, { restricted: true }): Restricted Mode
//     it('does a thing', async () => {
//       const { page } = wb();                        // Playwright Page on the demo workspace copy
//       await wb().runCommand('MCP Workbench: Open Walkthrough');   // command palette by title
//       const frame = await wb().webviewFrame('#root'); // the webview Frame whose document has the selector
//       await wb().step('walkthrough');               // screenshot test-output/e2e/my-feature/NN-walkthrough.png
//     });
//   });
// Other helpers: wb().workspace (absolute path of the copy), wb().openView('MCP Workbench') (activity bar),
// wb().openFile('server.json') (quick open), wb().goToLine(12) (waits for the picker, then Enter),
// wb().treeItem('demo') (a row of a tree view by label), waitForText(page, text), SCREENSHOT_DIR.
// Timeouts: 120 s per test by default (scripts/run-e2e.mjs); Playwright waits default to 30 s.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import type { CodeServer } from '../../scripts/lib/codeServer.mjs' with { 'resolution-mode': 'import' };

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-output', 'e2e');

export interface Workbench {
  page: Page;
  context: BrowserContext;
  /** Absolute path of this spec's copy of demo/. */
  workspace: string;
  /** Saves a screenshot of the current page as test-output/e2e/<name>/NN-<label>.png and returns its path. */
  step(label: string): Promise<string>;
  /** Runs a command through the command palette (F1), by its title as shown there, e.g. "MCP Workbench: Refresh Servers". */
  runCommand(title: string): Promise<void>;
  /** Opens a workspace file by name through quick open (F1, then the name) and waits for its tab. */
  openFile(name: string): Promise<void>;
  /** Moves the cursor of the active editor to a 1-based line (Ctrl+G), waiting for the picker before Enter. */
  goToLine(line: number): Promise<void>;
  /** Clicks the activity-bar entry with this title (e.g. "MCP Workbench", "Explorer") and waits for its side bar. */
  openView(title: string): Promise<void>;
  /** A row of a tree/list in the side bar whose label is `label`. */
  treeItem(label: string): Locator;
  /** Finds the frame (inside a webview iframe) whose document contains `selector`, polling page.frames(). */
  webviewFrame(selector: string, opts?: { timeoutMs?: number }): Promise<Frame>;
}

export interface OpenOptions {
  /** Open the workspace in Restricted Mode (a second code-server with workspace trust on). */
  restricted?: boolean;
}

const servers: { trusted?: CodeServer; restricted?: CodeServer } = {};
let browser: Browser | undefined;

async function shared(restricted: boolean): Promise<{ server: CodeServer; browser: Browser }> {
  const key = restricted ? 'restricted' : 'trusted';
  if (!servers[key]) {
    const vsix = process.env.MCPWB_VSIX;
    if (!vsix || !existsSync(vsix)) throw new Error(`MCPWB_VSIX must name the packaged extension (got ${vsix ?? 'nothing'}); run the e2e tier with node scripts/run-e2e.mjs`);
    const { startCodeServer } = await import('../../scripts/lib/codeServer.mjs');
    servers[key] = await startCodeServer({ vsix, workspaceTrust: restricted });
  }
  if (!browser) {
    const { launchChromium } = await import('../../scripts/lib/browser.mjs');
    browser = await launchChromium();
  }
  return { server: servers[key]!, browser };
}

/** Stops the shared browser and code-servers (registered as mocha's global teardown by test/e2e/hooks.ts). */
export async function stopShared(): Promise<void> {
  await browser?.close().catch(() => undefined);
  browser = undefined;
  for (const key of ['trusted', 'restricted'] as const) {
    await servers[key]?.stop();
    servers[key] = undefined;
  }
}

export async function waitForText(page: Page | Frame, text: string, timeoutMs = 30_000): Promise<Locator> {
  const loc = page.getByText(text, { exact: false }).first();
  await loc.waitFor({ state: 'visible', timeout: timeoutMs });
  return loc;
}

/** Opens the demo workspace copy in a fresh browser context and waits for the workbench to be interactive. */
export async function openWorkbench(name: string, opts: OpenOptions = {}): Promise<Workbench & { close(): Promise<void> }> {
  const { server: cs, browser: b } = await shared(opts.restricted === true);
  const { copyDemoWorkspace } = await import('../../scripts/lib/workspace.mjs');
  const workspace = copyDemoWorkspace(`e2e-${name}`);
  const shotDir = path.join(SCREENSHOT_DIR, name);
  rmSync(shotDir, { recursive: true, force: true });
  mkdirSync(shotDir, { recursive: true });
  const context = await b.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(cs.workbenchUrl(workspace));
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
  let n = 0;

  const wb: Workbench & { close(): Promise<void> } = {
    page,
    context,
    workspace,
    async step(label) {
      n += 1;
      const file = path.join(shotDir, `${String(n).padStart(2, '0')}-${label.replace(/[^a-z0-9-]+/gi, '-')}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async runCommand(title) {
      await page.locator('.monaco-workbench').click({ position: { x: 640, y: 5 } }).catch(() => undefined);
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      await row.waitFor({ state: 'visible' });
      await row.click();
      // Done when the palette has closed or shows something else: a command that opens a picker of its own keeps
      // the widget visible, and waiting for it to hide would then take the whole timeout.
      const typed = JSON.stringify(`>${title}`);
      await page
        .waitForFunction(
          `(() => { const w = document.querySelector('.quick-input-widget'); return !w || getComputedStyle(w).display === 'none' || w.querySelector('input')?.value !== ${typed}; })()`,
          undefined,
          { timeout: 30_000, polling: 50 },
        )
        .catch(() => undefined);
    },
    async openFile(fileName) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(fileName);
      // Enter before the file search has answered does nothing, so wait for the row first.
      await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ state: 'visible' });
    },
    async goToLine(line) {
      await page.keyboard.press('Control+G');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(`:${line}`);
      // The picker answers with "Press 'Enter' to go to line N ..."; an earlier Enter is ignored.
      await page.locator('.quick-input-list .monaco-list-row', { hasText: `go to line ${line}` }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    },
    async openView(title) {
      const item = page.locator(`.part.activitybar .action-item a[aria-label^="${title}"], .part.activitybar .action-item[aria-label^="${title}"]`).first();
      await item.waitFor({ state: 'visible' });
      const expanded = await item.locator('xpath=ancestor-or-self::li[1]').getAttribute('aria-expanded').catch(() => null);
      if (expanded !== 'true') await item.click();
      await page.locator('.part.sidebar').waitFor({ state: 'visible' });
    },
    treeItem(label) {
      const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      return page.locator('.part.sidebar .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
    },
    async webviewFrame(selector, opts) {
      const deadline = Date.now() + (opts?.timeoutMs ?? 30_000);
      for (;;) {
        for (const f of page.frames()) {
          if (f === page.mainFrame()) continue;
          if (await f.$(selector).catch(() => null)) return f;
        }
        if (Date.now() > deadline) throw new Error(`no webview frame contains ${selector} after ${opts?.timeoutMs ?? 30_000} ms`);
        await page.waitForTimeout(200);
      }
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(workspace, { recursive: true, force: true });
    },
  };
  return wb;
}

/** Mocha hooks: opens a workbench before the suite's tests and closes it after. Call inside describe(). */
export function useWorkbench(name: string, opts: OpenOptions = {}): () => Workbench {
  let wb: (Workbench & { close(): Promise<void> }) | undefined;
  before(async function () {
    this.timeout(180_000);
    wb = await openWorkbench(name, opts);
  });
  afterEach(async function () {
    // Keep a picture of what the page looked like when a test failed.
    if (this.currentTest?.state === 'failed' && wb) await wb.step(`FAILED-${this.currentTest.title}`).catch(() => undefined);
  });
  after(async () => {
    await wb?.close();
  });
  return () => {
    if (!wb) throw new Error('the workbench is not open (its before() hook failed)');
    return wb;
  };
}
