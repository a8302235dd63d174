// The question findings across eras, with the built CLI and one fixture whose tool asks 0, 1 or 2 questions
// (ASKS) and always gives the same answer: a call that answered directly and now asks, one that stopped asking, a
// question added, a question missing. Each is the one finding, named in the JSON and text reports and by diff.
import * as assert from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildCliIfNeeded, cli } from '../cli/cliRunner';

const ASKS = ['--', process.execPath, path.join(__dirname, 'servers', 'asks.mjs')];
const answer = (key: string, content: Record<string, unknown>) => ['--input-response', `${key}=${JSON.stringify({ action: 'accept', content })}`];

describe('question findings across eras (built CLI)', function () {
  this.timeout(120_000);
  let dir: string;
  const trace = (name: string) => path.join(dir, `${name}.mcptrace`);

  before(async () => {
    buildCliIfNeeded();
    dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-asks-'));
    const recordings: Array<[string, string, string, string[]]> = [
      ['direct', '0', '2025-11-25', []],
      ['one', '1', '2026-07-28', answer('size', { size: 'large' })],
      ['two', '2', '2026-07-28', [...answer('size', { size: 'large' }), ...answer('milk', { milk: true })]],
    ];
    for (const [name, asks, protocol, answers] of recordings) {
      const r = await cli(['call', 'order', '{}', '--protocol', protocol, ...answers, '--record', trace(name), ...ASKS], { env: { ASKS: asks } });
      assert.strictEqual(r.code, 0, r.stderr);
      assert.strictEqual(r.stdout.trim(), 'one coffee');
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: Array<[string, string, string, string, RegExp]> = [
    ['direct', '1', '2026-07-28', 'now-input-required', /tools\/call order answered directly and now asks an elicitation "Which size\?"/],
    ['one', '0', '2025-11-25', 'no-longer-input-required', /tools\/call order asked an elicitation "Which size\?" and now answers directly/],
    ['one', '2', '2025-11-25', 'question-added', /tools\/call order asks a new question: an elicitation "Milk\?"/],
    ['two', '1', '2026-07-28', 'question-missing', /tools\/call order no longer asks an elicitation "Milk\?"/],
  ];
  for (const [recording, asks, protocol, kind, message] of cases) {
    it(`${kind}: the ${recording} recording against ASKS=${asks} in ${protocol}`, async () => {
      const r = await cli(['verify', '--protocol', protocol, '--format', 'json', trace(recording), ...ASKS], { env: { ASKS: asks } });
      assert.strictEqual(r.code, 1, r.stdout + r.stderr);
      const report = JSON.parse(r.stdout).reports[0];
      assert.deepStrictEqual(report.findings, { [kind]: 1 });
      const finding = report.checks.find((c: { label: string }) => c.label === 'tools/call order').findings[0];
      assert.strictEqual(finding.kind, kind);
      assert.match(finding.message, message);
      const same = await cli(['verify', '--protocol', protocol, trace(recording), ...ASKS], { env: { ASKS: { direct: '0', one: '1', two: '2' }[recording]! } });
      assert.strictEqual(same.code, 0, `the unchanged server passes: ${same.stdout}`);
    });
  }

  it('diff names them too, across eras', async () => {
    const d1 = await cli(['diff', trace('direct'), trace('one')]);
    assert.strictEqual(d1.code, 1, d1.stderr);
    assert.match(d1.stdout, /direct\.mcptrace \(2025-11-25\) ↔ \S+one\.mcptrace \(2026-07-28\): 0 catalogue changes, 0 answers changed, 1 call now asks for input\n/);
    const d2 = await cli(['diff', trace('one'), trace('two')]);
    assert.match(d2.stdout, /: 0 catalogue changes, 0 answers changed, 1 question added\n/);
    assert.match(d2.stdout, /asks a new question: an elicitation "Milk\?"/);
  });
});
