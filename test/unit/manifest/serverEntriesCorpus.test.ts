// readServerEntries against every real-world file in ../shared/corpus/manifests (read in place, never copied):
// it never throws, lists exactly the servers each file declares, and reports files it cannot parse.
import * as assert from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as jsonc from 'jsonc-parser';
import type { ConfigKind } from '../../../src/core/manifest/configKinds';
import { readServerEntries } from '../../../src/core/manifest/serverEntries';

const REAL = path.resolve(__dirname, '../../../../shared/corpus/manifests/real');

/** Corpus folder -> the kind it holds and the key under which a client config keeps its servers. */
const FOLDERS: Record<string, { kind: ConfigKind; key?: string }> = {
  'vscode-mcp': { kind: 'vscode-mcp', key: 'servers' },
  'claude-code-mcp': { kind: 'claude-code', key: 'mcpServers' },
  'claude-desktop': { kind: 'claude-desktop', key: 'mcpServers' },
  'cursor-mcp': { kind: 'cursor', key: 'mcpServers' },
  'gemini-settings': { kind: 'gemini', key: 'mcpServers' },
  'gemini-extension': { kind: 'gemini', key: 'mcpServers' },
  'server-json': { kind: 'server-json' },
  'mcpb-manifest': { kind: 'mcpb' },
};

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

describe('readServerEntries on the real-world corpus', function () {
  before(function () {
    if (!existsSync(REAL)) throw new Error(`the shared corpus is missing at ${REAL}; clone ../shared beside the repo`);
  });

  it('covers every corpus folder', () => {
    assert.deepStrictEqual(readdirSync(REAL).filter((d) => !d.includes('.')).sort(), Object.keys(FOLDERS).sort());
  });

  for (const [folder, { kind, key }] of Object.entries(FOLDERS)) {
    it(`lists exactly the declared servers of each ${folder} file`, () => {
      const dir = path.join(REAL, folder);
      const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
      assert.ok(files.length > 0);
      let withServers = 0;
      for (const f of files) {
        const file = path.join(dir, f);
        const text = readFileSync(file, 'utf8');
        const r = readServerEntries(file, text, kind);
        const errors: jsonc.ParseError[] = [];
        const value = jsonc.parse(text, errors, { allowTrailingComma: true });
        if (errors.length) {
          assert.match(r.error ?? '', /^Cannot parse: line \d+, column \d+/, `${f}: a file that does not parse says so`);
          assert.deepStrictEqual(r.servers, [], f);
          continue;
        }
        assert.strictEqual(r.error, undefined, `${f}: ${r.error}`);
        let expected: string[];
        if (kind === 'server-json') {
          const n = (Array.isArray(value.packages) ? value.packages.filter(isObject).length : 0) + (Array.isArray(value.remotes) ? value.remotes.filter(isObject).length : 0);
          assert.strictEqual(r.servers.length, n, `${f}: one entry per package and remote`);
          for (const s of r.servers) assert.match(s.origin ?? '', /^(packages|remotes)\[\d+\]$/, f);
          expected = [];
        } else if (kind === 'mcpb') {
          assert.strictEqual(r.servers.length, 1, f);
          const cfg = value.server?.mcp_config;
          if (isObject(cfg)) assert.strictEqual(r.servers[0].command, cfg.command, f);
          expected = [];
        } else {
          const table = [key!, 'servers', 'mcpServers'].map((k) => value[k]).find(isObject) ?? {};
          expected = Object.keys(table);
          assert.deepStrictEqual(r.servers.map((s) => s.name), expected, `${f}: server names`);
          for (const s of r.servers) {
            const raw = table[s.name];
            if (!isObject(raw)) continue;
            if (typeof raw.command === 'string') assert.strictEqual(s.command, raw.command, `${f} ${s.name}: command`);
            if (Array.isArray(raw.args)) assert.deepStrictEqual(s.args, raw.args.map(String), `${f} ${s.name}: args`);
            const url = raw.url ?? raw.serverUrl ?? raw.httpUrl;
            if (typeof url === 'string') assert.strictEqual(s.url, url, `${f} ${s.name}: url`);
            assert.ok(['stdio', 'http', 'sse'].includes(s.transport), `${f} ${s.name}: transport`);
            assert.ok(s.position, `${f} ${s.name}: has a position`);
          }
        }
        if (r.servers.length) withServers++;
      }
      assert.ok(withServers > 0, `${folder}: at least one file declares servers`);
    });
  }
});
