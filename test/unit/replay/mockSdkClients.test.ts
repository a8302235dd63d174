// `mcp-workbench mock` (the built CLI) driven by the bare SDK v2 Client, not our Session: a trace recorded with the
// CLI in either era is served to a 2025 client and to a 2026-07-28 client, over stdio and over Streamable HTTP. The
// recorded confirmation is asked again in the client's own era (an elicitation request in 2025, an input_required
// round in 2026) and answered by the client's elicitation handler; a call the recording lacks is a JSON-RPC error;
// the notifications of a call keep their recorded spacing with --timing recorded and come at once with fast.
import * as assert from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client, StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { ROOT } from '../client/helpers';
import { buildCliIfNeeded, cli, CLI } from '../cli/cliRunner';
import { withMockHttp } from './mockHttp';

const BOTH = path.join(ROOT, 'test', 'fixtures', 'servers', 'eras', 'both.mjs');
const ERAS = ['2025-11-25', '2026-07-28'] as const;
type Era = (typeof ERAS)[number];
/** The key a question goes by for --input-response: the method in 2025, the server's own key in 2026. */
const QUESTION_KEY: Record<Era, string> = { '2025-11-25': 'elicitation/create', '2026-07-28': 'confirm' };

async function withClient<T>(transport: Transport, era: Era, run: (c: Client, asked: string[]) => Promise<T>): Promise<T> {
  const client = new Client(
    { name: 'bare-sdk-client', version: '1.0.0' },
    { capabilities: { elicitation: {} }, versionNegotiation: { mode: era === '2025-11-25' ? 'legacy' : { pin: era }, probe: { timeoutMs: 10_000 } } },
  );
  const asked: string[] = [];
  client.setRequestHandler('elicitation/create', (req) => {
    asked.push(String(req.params.message));
    return { action: 'accept', content: { confirm: true } };
  });
  await client.connect(transport);
  try {
    return await run(client, asked);
  } finally {
    await client.close();
  }
}

const textOf = (r: unknown) => ((r as { content?: { text?: string }[] }).content ?? []).map((c) => c.text).join('\n');

describe('mock served to bare SDK v2 clients of each era', function () {
  this.timeout(120_000);
  let dir: string;
  const traces = {} as Record<Era, string>;

  let slow: string;

  before(async () => {
    buildCliIfNeeded();
    dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-mock-sdk-'));
    slow = path.join(dir, 'slow.mcptrace');
    const s = await cli(['call', 'slow', '{"steps":4,"stepMs":300}', '--log-level', 'info', '--protocol', '2025-11-25', '--record', slow, '--', process.execPath, BOTH]);
    assert.strictEqual(s.code, 0, s.stderr);
    for (const era of ERAS) {
      traces[era] = path.join(dir, `confirm-${era}.mcptrace`);
      const answer = `${QUESTION_KEY[era]}={"action":"accept","content":{"confirm":true}}`;
      const r = await cli(['call', 'confirm', '{"action":"deploy"}', '--protocol', era, '--input-response', answer, '--record', traces[era], '--', process.execPath, BOTH]);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.strictEqual(r.stdout.trim(), 'confirmed: deploy');
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const recordedIn of ERAS) {
    for (const era of ERAS) {
      it(`stdio: a ${recordedIn} recording to a ${era} client asks the recorded question again and gives the recorded answer`, async () => {
        const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mock', traces[recordedIn]], stderr: 'pipe' });
        await withClient(transport, era, async (client, asked) => {
          assert.strictEqual(client.getNegotiatedProtocolVersion(), era);
          assert.strictEqual(client.getServerVersion()?.name, 'era-both', 'the identity from the recording');
          assert.ok((await client.listTools()).tools.some((t) => t.name === 'confirm'));
          const result = await client.callTool({ name: 'confirm', arguments: { action: 'deploy' } });
          assert.strictEqual(textOf(result), 'confirmed: deploy');
          assert.deepStrictEqual(asked, ['Really deploy?']);
          // The 2026 envelope in _meta reaches a 2026 client only (from the serving SDK, whatever the recording).
          assert.strictEqual(Object.keys(result._meta ?? {}).includes('io.modelcontextprotocol/serverInfo'), era === '2026-07-28', JSON.stringify(result._meta));
          await assert.rejects(client.callTool({ name: 'confirm', arguments: { action: 'delete' } }), /closest recorded request is tools\/call confirm/);
        });
      });
    }
  }

  for (const era of ERAS) {
    it(`--timing recorded keeps the recorded spacing of a call's progress and log messages (300 ms apart), fast sends them at once: ${era} client`, async () => {
      const spread: Record<string, number> = {};
      for (const timing of ['recorded', 'fast']) {
        const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mock', slow, '--timing', timing], stderr: 'pipe' });
        await withClient(transport, era, async (client) => {
          const logged: number[] = [];
          const progress: number[] = [];
          client.setNotificationHandler('notifications/message', () => void logged.push(performance.now()));
          // Log messages come at the level the client asks for, as from the real server: logging/setLevel in 2025,
          // the request's _meta in 2026 (without one, none).
          if (era === '2025-11-25') await client.setLoggingLevel('info');
          const _meta = era === '2026-07-28' ? { 'io.modelcontextprotocol/logLevel': 'info' } : undefined;
          const result = await client.callTool({ name: 'slow', arguments: { steps: 4, stepMs: 300 }, ...(_meta ? { _meta } : {}) }, { onprogress: () => progress.push(performance.now()) });
          assert.strictEqual(textOf(result), 'done 4 steps');
          assert.deepStrictEqual([logged.length, progress.length], [4, 4], timing);
          spread[timing] = progress[3] - progress[0];
        });
      }
      assert.ok(spread.recorded >= 850, `recorded: ${spread.recorded} ms from the first progress to the last (recorded about 900)`);
      assert.ok(spread.fast < 450, `fast: ${spread.fast} ms`);
    });
  }

  it('HTTP: one mock --http serves a 2025 and a 2026-07-28 client, each asked in its own era', async () => {
    await withMockHttp([CLI], traces['2025-11-25'], async (url) => {
      for (const era of ERAS) {
        await withClient(new StreamableHTTPClientTransport(new URL(url)), era, async (client, asked) => {
          assert.strictEqual(client.getNegotiatedProtocolVersion(), era);
          assert.strictEqual(textOf(await client.callTool({ name: 'confirm', arguments: { action: 'deploy' } })), 'confirmed: deploy');
          assert.deepStrictEqual(asked, ['Really deploy?'], era);
        });
      }
    });
  });
});
