// Benchmark: opening a 200,000-event (~100 MB) trace in the trace viewer.
//  1. Extension-host side, in node: TraceIndex.open + the first window of rows (what the custom editor does before
//     the webview can draw), the full index pass, and the peak memory (RSS and heap) while the trace is open.
//  2. Webview side, in Chromium: the real dist/webview.js on a plain page whose stubbed acquireVsCodeApi talks to
//     the same backend (TraceViewerBackend) over HTTP; time from navigation to the first rows on screen.
// Goals: first rows on screen < 1.5 s; peak extension-host memory < 300 MB. Prints figures, not pass/fail.
// Run: npm run bench:trace-open [-- --events 200000]   (needs `node esbuild.mjs` first for dist/webview.js)
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { TraceIndex } from '../src/core/replay/traceIndex';
import { generateBenchTrace } from './trace-fixture';
import { TraceViewerBackend } from '../src/extension/traceViewer/traceViewerBackend';

const EVENTS = Number(process.argv[process.argv.indexOf('--events') + 1]) || 200_000;
const ROOT = resolve(__dirname, '..');
function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(0)} MB`;
}

async function main(): Promise<void> {
  const dir = join(tmpdir(), 'mcpwb-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `trace-open-${EVENTS}.mcptrace`);
  if (!existsSync(file)) {
    process.stdout.write(`generating ${EVENTS} events into ${file}...\n`);
    generateBenchTrace(file, EVENTS);
  }
  const size = statSync(file).size;
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.external + m.arrayBuffers);
  }, 5);

  // 1. Extension host: index until the first rows exist, then the first window, then the whole pass.
  const t0 = performance.now();
  const index = await TraceIndex.open(file);
  const backend = new TraceViewerBackend(index);
  const init = await backend.initEvent('bench.mcptrace');
  const hostFirst = performance.now() - t0;
  await index.whenComplete();
  const hostAll = performance.now() - t0;
  const filterStart = performance.now();
  const errors = await index.filter({ errorsOnly: true });
  const filterMs = performance.now() - filterStart;
  const searchStart = performance.now();
  const found = await index.filter({ text: 'query number 12345' });
  const searchMs = performance.now() - searchStart;

  // 2. Webview in Chromium against the same backend; the first rows on screen are timed from a fresh index.
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/webview.css"></head><body data-view="traceViewer"><div id="root" style="height:800px"></div>
<script>
window.addEventListener('message', (e) => { if (e.data && e.data.type === 'init' && !window.__initAt) window.__initAt = performance.now(); });
window.acquireVsCodeApi = () => ({
  getState: () => undefined, setState: (s) => s, // like VS Code's, which returns the state
  postMessage: (m) => fetch('/rpc', { method: 'POST', body: JSON.stringify(m) }).then((r) => r.json()).then((out) => out.forEach((x) => window.postMessage(x, '*'))),
});
</script><script src="/webview.js"></script></body></html>`;
  let live: TraceViewerBackend | undefined;
  const server = createServer((req, res) => {
    if (req.url === '/') return res.end(html);
    if (req.url === '/webview.js' || req.url === '/webview.css') {
      res.setHeader('content-type', req.url.endsWith('.js') ? 'text/javascript' : 'text/css');
      return res.end(readFileSync(join(ROOT, 'dist', req.url.slice(1))));
    }
    if (req.url !== '/rpc') {
      res.statusCode = 404;
      return res.end();
    }
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      const m = JSON.parse(body);
      const out: unknown[] = [];
      if (m.type === 'ready') out.push(await live!.initEvent('bench.mcptrace'));
      else if (m.type === 'request' && live!.handles(m.method)) out.push({ type: 'response', id: m.id, ok: true, result: await (live!.handlers[m.method as 'rows'] as (p: unknown) => Promise<unknown>)(m.params) });
      else if (m.type === 'request') out.push({ type: 'response', id: m.id, ok: false, error: 'not in the benchmark' });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const { launchChromium } = await import('../scripts/lib/browser.mjs');
  const browser = await launchChromium();
  let screenMs = NaN;
  let paintRows = 0;
  let pageTimes = { domContentLoaded: NaN, initAt: NaN, now: NaN };
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto('about:blank');
    const s0 = performance.now();
    live = new TraceViewerBackend(await TraceIndex.open(file));
    await page.goto(url);
    await page.locator('.vtable-row:not(.loading)').first().waitFor({ state: 'visible', timeout: 30_000 });
    screenMs = performance.now() - s0;
    paintRows = await page.locator('.vtable-row:not(.loading)').count();
    // A string, so this node-side file needs no DOM types.
    pageTimes = (await page.evaluate(
      "({ domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, initAt: window.__initAt ?? NaN, now: performance.now() })",
    )) as typeof pageTimes;
    await live.index.whenComplete();
  } finally {
    await browser.close();
    server.close();
    clearInterval(sampler);
  }

  console.log(`trace: ${EVENTS.toLocaleString()} events, ${mb(size)} (${file})`);
  console.log(`host: first ${init.type === 'init' ? init.firstRows.length : 0} rows ready after ${hostFirst.toFixed(0)} ms; whole file indexed in ${hostAll.toFixed(0)} ms (${index.rowCount.toLocaleString()} rows)`);
  console.log(`host: errors-only filter ${filterMs.toFixed(0)} ms (${errors.length} rows); text search over the file ${searchMs.toFixed(0)} ms (${found.length} row)`);
  console.log(`screen: first rows on screen ${screenMs.toFixed(0)} ms after opening (index + page load + first window; ${paintRows} rows drawn)  goal < 1500 ms  ${screenMs < 1500 ? 'OK' : 'OVER'}`);
  console.log(`page: DOMContentLoaded ${pageTimes.domContentLoaded.toFixed(0)} ms, init received ${pageTimes.initAt.toFixed(0)} ms, rows seen ${pageTimes.now.toFixed(0)} ms (page clock, from navigation start)`);
  console.log(`memory: peak RSS ${mb(peakRss)} (start ${mb(base.rss)}, +${mb(peakRss - base.rss)}); peak heap+external ${mb(peakHeap)}  goal < 300 MB  ${peakRss < 300 * 1024 * 1024 ? 'OK' : 'OVER'}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
