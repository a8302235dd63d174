// Edit-to-diagnostics time of the manifest checks, next to vscode-json-languageservice schema validation alone.
// Usage: npx tsx bench/manifest-diagnostics.ts [--iterations N] [--server path/to/server.js]
//        (the server defaults to dist/server.js: npm run build)
//
// 1. Engine: the whole fast phase (syntax, schema, semantic checks) in-process, against parse + schema
//    validation by vscode-json-languageservice on the same text and schema. The ratio is what our checks add.
//    Both come from one esbuild bundle built the way dist/server.js and dist/cli.js are (the code as shipped;
//    run through tsx, every function of ours would also pay tsx's keep-names wrapper).
// 2. End to end: the bundled language server as a process; time from sending didChange to receiving the
//    publishDiagnostics for that version. The edit is sent as an incremental change, as editors do; the time
//    includes JSON-RPC both ways and the server's 4 ms edit coalescing (environment checks are off).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import type { JSONSchema } from 'vscode-json-languageservice';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { changedSpan } from '../src/core/util/changedSpan';

type Engine = typeof import('../src/core/manifest/validateManifest') &
  typeof import('../src/core/manifest/manifestDocument') &
  Pick<typeof import('vscode-json-languageservice'), 'getLanguageService' | 'TextDocument'>;

/** Our engine and the JSON service, bundled as the shipped bundles are (node20, CommonJS, module entry points). */
async function buildEngine(): Promise<Engine> {
  const outfile = path.join(ROOT, '.bench-cache', 'manifest-engine.js');
  mkdirSync(path.dirname(outfile), { recursive: true });
  await esbuild.build({
    stdin: {
      contents: ["export * from './src/core/manifest/validateManifest';", "export { openManifest } from './src/core/manifest/manifestDocument';", "export { getLanguageService, TextDocument } from 'vscode-json-languageservice';"].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'silent',
  });
  const loaded = (await import(pathToFileURL(outfile).href)) as Engine & { default?: Engine };
  return loaded.default ?? loaded;
}

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '200' }, server: { type: 'string' } } });
const ITERATIONS = Math.max(20, Number(values.iterations));
const ROOT = path.resolve(__dirname, '..');

function serverJson(i: number): string {
  return JSON.stringify(
    {
      $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
      name: 'io.github.example/weather',
      title: 'Weather',
      description: `Weather forecasts for MCP clients, edit ${i}.`,
      version: `1.0.${i}`,
      repository: { url: 'https://github.com/example/weather', source: 'github' },
      packages: [
        {
          registryType: 'npm',
          identifier: '@example/weather',
          version: `1.0.${i}`,
          transport: { type: 'stdio' },
          environmentVariables: [
            { name: 'WEATHER_API_KEY', description: 'API key', isRequired: true, isSecret: true },
            { name: 'WEATHER_UNITS', description: 'metric or imperial', default: 'metric' },
          ],
        },
      ],
      remotes: [{ type: 'streamable-http', url: 'https://weather.example.com/mcp' }],
    },
    null,
    2,
  );
}

function bigMcpJson(i: number): string {
  const servers: Record<string, unknown> = {};
  for (let s = 0; s < 2000; s++) {
    servers[`server-${s}`] = s % 4 === 3 ? { type: 'http', url: `https://mcp${s}.example.com/mcp`, headers: { 'X-Tenant': `t${s}` } } : { type: 'stdio', command: 'node', args: [`servers/${s}/index.js`, '--port', String(s === 1000 ? 3000 + i : 3000 + s)], env: { LOG_LEVEL: 'info' } };
  }
  return JSON.stringify({ servers, inputs: [] }, null, 2);
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

interface Samples {
  wall: number[];
  cpu: number[];
}

/** Runs `fn` and returns its wall time and this process's CPU time (user + system), in ms. */
async function timed(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c = process.cpuUsage();
  const t = performance.now();
  await fn();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1000 };
}

async function engine(e: Engine, file: string, make: (i: number) => string, warmup: number): Promise<{ ours: Samples; jsonls: Samples }> {
  const { openManifest, validateManifest, getLanguageService, TextDocument } = e;
  const doc = openManifest(file, make(0))!;
  // The baseline as an editor runs it: the schema associated once, so its resolved form is cached.
  const ls = getLanguageService({});
  ls.configure({ validate: true, allowComments: true, schemas: [{ uri: doc.schema.uri, fileMatch: ['*'], schema: doc.schema.schema as JSONSchema }] });
  const ours: Samples = { wall: [], cpu: [] };
  const jsonls: Samples = { wall: [], cpu: [] };
  for (let i = 0; i < ITERATIONS + warmup; i++) {
    const text = make(i + 1);
    const runOurs = (): Promise<{ wall: number; cpu: number }> => timed(() => validateManifest(file, text));
    const runJsonLs = (): Promise<{ wall: number; cpu: number }> =>
      timed(async () => {
        const td = TextDocument.create('bench://' + file, 'json', i, text);
        await ls.doValidation(td, ls.parseJSONDocument(td), { schemaValidation: 'error' });
      });
    // Alternate the order so neither side profits from a warmer cache.
    const [a, b] = i % 2 ? [await runOurs(), await runJsonLs()] : [await runJsonLs(), await runOurs()].reverse();
    if (i >= warmup) {
      ours.wall.push(a.wall);
      ours.cpu.push(a.cpu);
      jsonls.wall.push(b.wall);
      jsonls.cpu.push(b.cpu);
    }
  }
  return { ours, jsonls };
}

/** The edit an editor sends between version i-1 and i: only the changed range (incremental sync). */
function incrementalChange(before: string, after: string): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } {
  const { start, endBefore, endAfter } = changedSpan(before, after);
  const pos = (text: string, offset: number): { line: number; character: number } => {
    const head = text.slice(0, offset);
    const line = head.split('\n').length - 1;
    return { line, character: offset - (head.lastIndexOf('\n') + 1) };
  };
  return { range: { start: pos(before, start), end: pos(before, endBefore) }, text: after.slice(start, endAfter) };
}

async function endToEnd(uri: string, make: (i: number) => string, iterations: number): Promise<number[]> {
  const server = values.server ? path.resolve(values.server) : path.join(ROOT, 'dist', 'server.js');
  if (!existsSync(server)) throw new Error(`${server} is missing: run "npm run build" first.`);
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(child.stdout!, child.stdin!);
  const waiting = new Map<number, (t: number) => void>();
  conn.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
    if (p.version !== undefined) waiting.get(p.version)?.(performance.now());
  });
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null, initializationOptions: { environmentChecks: false } });
  await conn.sendNotification(InitializedNotification.type, {});
  const published = (v: number): Promise<number> => new Promise((resolve) => waiting.set(v, resolve));
  let first = published(1);
  let text = make(0);
  await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
  await first;
  const times: number[] = [];
  for (let v = 2; v < iterations + 12; v++) {
    const next = make(v);
    const change = incrementalChange(text, next);
    text = next;
    first = published(v);
    const t = performance.now();
    await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [change] });
    const at = await first;
    if (v >= 12) times.push(at - t);
  }
  await conn.sendRequest(ShutdownRequest.type);
  await conn.sendNotification(ExitNotification.type);
  conn.dispose();
  await new Promise((r) => child.once('exit', r));
  return times;
}

const fmt = (ms: number): string => ms.toFixed(3).padStart(8);

async function main(): Promise<void> {
  const cases = [
    { name: '40-line server.json', file: '/bench/server.json', uri: 'file:///bench/server.json', make: serverJson, e2e: ITERATIONS, warmup: 5000 },
    { name: '2,000-server mcp.json', file: '/bench/.vscode/mcp.json', uri: 'file:///bench/.vscode/mcp.json', make: bigMcpJson, e2e: Math.min(ITERATIONS, 100), warmup: 10 },
  ];
  console.log(`manifest diagnostics: ${ITERATIONS} edits per document, after warm-up runs (5,000 for the small file, 10 for the big one)`);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the machine inflates every figure)`);
  console.log(`lines: server.json ${serverJson(0).split('\n').length}, mcp.json ${bigMcpJson(0).split('\n').length}\n`);
  console.log('document                 | engine p50 | engine p99 | json-ls p50 | json-ls p99 | ratio p50 | CPU ratio p50 | edit->diagnostics p50 | p99 (LSP process)');
  const bundled = await buildEngine();
  for (const c of cases) {
    const { ours, jsonls } = await engine(bundled, c.file, c.make, c.warmup);
    const e2e = await endToEnd(c.uri, c.make, c.e2e);
    const r50 = quantile(ours.wall, 0.5) / quantile(jsonls.wall, 0.5);
    const cpu50 = quantile(ours.cpu, 0.5) / quantile(jsonls.cpu, 0.5);
    console.log(
      `${c.name.padEnd(24)} | ${fmt(quantile(ours.wall, 0.5))} | ${fmt(quantile(ours.wall, 0.99))} | ${fmt(quantile(jsonls.wall, 0.5))}  | ${fmt(quantile(jsonls.wall, 0.99))}  | ${r50.toFixed(2).padStart(8)}x | ${cpu50.toFixed(2).padStart(12)}x | ${fmt(quantile(e2e, 0.5))} ms            | ${fmt(quantile(e2e, 0.99))} ms`,
    );
  }
  console.log('\nGoal: ratio at most 1.3x; p50 under 50 ms for the 2,000-server file. Times in ms. The CPU ratio uses this');
  console.log("process's CPU time per run, which other processes on a busy machine disturb less than wall time.");
}

main().catch((e) => {
  console.error(`bench failed: ${(e as Error).message}`);
  process.exitCode = 1;
});
