// Property test over the protocol: random edits of real manifests, each followed by requests at random
// positions. The server must answer every request in time and keep publishing diagnostics for each version.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { LspSession } from './lspHarness';

const DEMO = path.resolve(__dirname, '../../../demo');
const SEEDS = [
  { uri: 'file:///ws/server.json', file: path.join(DEMO, 'server.json') },
  { uri: 'file:///ws/.vscode/mcp.json', file: path.join(DEMO, '.vscode', 'mcp.json') },
].filter((s) => existsSync(s.file));
const PIECES = ['{', '}', '"', ',', ':', '[', ']', '//', '${input:', '${env:', '"type": "http"', '\n', ' ', 'latest', '^1'];
const REQUEST_MS = 10_000;

function within<T>(p: Promise<T>, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} took more than ${REQUEST_MS} ms`)), REQUEST_MS))]);
}

describe('manifest language server under random edits (fast-check)', function () {
  this.timeout(120_000);

  it('answers completion, hover, code actions, symbols and lenses for every version', async () => {
    assert.ok(SEEDS.length > 0, 'demo manifests missing');
    const lsp = await LspSession.start({ environmentChecks: false });
    try {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...SEEDS),
          fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat({ max: 20 }), insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })) }), { minLength: 1, maxLength: 4 }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          async (seed, edits, where) => {
            let text = readFileSync(seed.file, 'utf8');
            for (const e of edits) {
              const at = Math.floor(e.at * text.length);
              text = text.slice(0, at) + e.insert + text.slice(at + e.del);
            }
            const uri = seed.uri.replace('/ws/', `/ws${n++}/`);
            await lsp.open(uri, text);
            const diags = await within(lsp.diagnostics(uri, 1), 'diagnostics');
            const lines = text.split('\n');
            const line = Math.floor(where * lines.length);
            const character = Math.floor(where * (lines[line]?.length ?? 0));
            await within(lsp.completion(uri, line, character), 'completion');
            await within(lsp.hover(uri, line, character), 'hover');
            if (diags.length) await within(lsp.codeActions(uri, diags), 'code actions');
            await within(lsp.symbols(uri), 'symbols');
            await within(lsp.codeLenses(uri), 'code lenses');
            await lsp.close(uri);
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      lsp.dispose();
    }
  });
});
