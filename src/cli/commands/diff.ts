// `mcp-workbench diff <a.mcptrace> <b.mcptrace>`: what changed between two recorded sessions.
import { resolve } from 'node:path';
import { CompareRuleSpec } from '../../core/replay/compareRules';
import { readRecordedSession } from '../../core/replay/recordedSession';
import { diffSessions } from '../../core/replay/traceDiff';
import { formatTraceDiff } from '../../core/replay/traceDiffFormat';
import type { CliCommand } from '../commandTable';
import { CliError, EXIT } from '../cliError';
import { parseCommandArgs } from '../parseCommandArgs';
import { existsSync } from 'node:fs';

const HELP = `Usage: mcp-workbench diff <a.mcptrace> <b.mcptrace> [options]

Reports what changed from a to b: the server's identity and protocol version, tools/prompts/resources added,
removed or changed, and answers to the same requests that changed. Exits 1 when anything changed.

Options:
  --ignore <path>   do not compare this path (repeatable), e.g. 'result.content[*].text'
  --json            the diff as JSON`;

async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    { args: argv, allowPositionals: true, options: { ignore: { type: 'string', multiple: true }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } },
    'Run "mcp-workbench diff --help" for the options.',
  );
  if (parsed.values.help) {
    process.stdout.write(HELP + '\n');
    return EXIT.ok;
  }
  const [a, b, ...extra] = parsed.positionals;
  if (!a || !b || extra.length) throw new CliError('diff compares exactly two traces.', EXIT.usage, 'mcp-workbench diff before.mcptrace after.mcptrace');
  for (const f of [a, b]) if (!existsSync(f)) throw new CliError(`Cannot read ${f}: no such file.`, EXIT.usage);
  const rules: CompareRuleSpec = { ignore: parsed.values.ignore };
  const [sa, sb] = await Promise.all([readRecordedSession(resolve(a)), readRecordedSession(resolve(b))]);
  let d;
  try {
    d = diffSessions(sa, sb, rules);
  } catch (e) {
    throw new CliError((e as Error).message, EXIT.usage);
  }
  if (parsed.values.json) process.stdout.write(JSON.stringify({ a, b, ...d }, null, 2) + '\n');
  else process.stdout.write(formatTraceDiff(d, a, b));
  for (const [f, s] of [[a, sa], [b, sb]] as const) for (const p of s.problems) process.stderr.write(`warning: ${f}: ${p.message}\n`);
  return d.identical ? EXIT.ok : EXIT.failed;
}

export const diffCommand: CliCommand = { summary: 'compare two traces: catalogue and answers that changed', run };
