// Property tests: random edits of real manifests (the shared corpus and the demo workspace) never make the
// checks throw or hang, and every offered quick fix produces text the checks can read again.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validateManifest } from '../../../src/core/manifest/validateManifest';
import { parseKind } from '../../../src/cli/commands/validate';
import { corpusAvailable, corpusCases } from './corpusHelpers';

interface Seed {
  file: string;
  text: string;
  kind?: ReturnType<typeof parseKind>;
}

function seeds(): Seed[] {
  const out: Seed[] = [];
  const demo = path.resolve(__dirname, '../../../demo');
  for (const f of ['server.json', '.vscode/mcp.json']) if (existsSync(path.join(demo, f))) out.push({ file: '/ws/' + f, text: readFileSync(path.join(demo, f), 'utf8') });
  if (corpusAvailable()) {
    for (const c of corpusCases()) out.push({ file: '/ws/' + path.basename(c.file), text: readFileSync(c.file, 'utf8'), kind: parseKind(c.kind) });
  }
  return out;
}

const PIECES = ['{', '}', '[', ']', ',', ':', '"', '\\', '//', '/*', '*/', ' ', '\n', 'null', 'true', '0', '-1e999', '"${input:x}"', '"$HOME"', '"latest"', '"^1.0"', '"http://localhost"', '"{var}"', '\u0000', '\ud800', '"__proto__"', '"constructor"'];

type Edit = { at: number; del: number; insert: string };
const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 }), fc.constant('')),
});

function applyEdits(text: string, edits: Edit[]): string {
  let t = text;
  for (const e of edits) {
    const at = Math.floor(e.at * t.length);
    t = t.slice(0, at) + e.insert + t.slice(at + e.del);
  }
  return t;
}

// Generous: a loaded CI machine is slow, but a hang or a quadratic blow-up still shows.
const PER_RUN_MS = 10_000;

describe('manifest checks under random edits (fast-check)', function () {
  this.timeout(120_000);
  const all = seeds();
  it('has seed documents', () => assert.ok(all.length >= 2));

  it('never throw or hang, and every quick fix yields text that can be checked again', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: all.length - 1 }), fc.array(editArb, { minLength: 1, maxLength: 6 }), fc.boolean(), async (i, edits, forceKind) => {
        const seed = all[i];
        const text = applyEdits(seed.text, edits);
        const started = performance.now();
        const report = await validateManifest(seed.file, text, { kind: forceKind ? seed.kind : undefined });
        for (const d of report.diagnostics) {
          assert.ok(d.range.start.line >= 0 && d.range.start.character >= 0, `bad range for ${d.code}`);
          assert.ok(typeof d.message === 'string' && d.message.length > 0);
          for (const fix of d.fixes ?? []) {
            const fixed = TextDocument.applyEdits(TextDocument.create('file:///x', 'json', 1, text), fix.edits);
            await validateManifest(seed.file, fixed, { kind: forceKind ? seed.kind : undefined });
          }
        }
        const elapsed = performance.now() - started;
        assert.ok(elapsed < PER_RUN_MS, `one run took ${elapsed.toFixed(0)} ms`);
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? Date.now() % 100000), verbose: 1 },
    );
  });

  it('never throw on arbitrary text under every kind', async () => {
    const kinds = ['vscode-mcp', 'claude-code', 'claude-desktop', 'cursor', 'windsurf', 'gemini', 'zed', 'server-json', 'mcpb'] as const;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.json()), fc.constantFrom(...kinds), async (text, kind) => {
        const report = await validateManifest('/ws/x.json', text, { kind });
        assert.equal(report.kind, kind);
      }),
      { numRuns: 300 },
    );
  });
});

