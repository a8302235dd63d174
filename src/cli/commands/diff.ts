// `mcp-workbench diff <a.mcptrace> <b.mcptrace>`: what changed between two recorded sessions, in either era.
import { resolve } from 'node:path';
import { CompareRuleSpec } from '../../core/replay/compareRules';
import { readRecordedSession } from '../../core/replay/recordedSession';
import { diffSessions } from '../../core/replay/traceDiff';
import { formatTraceDiff, summarizeTraceDiff } from '../../core/replay/traceDiffFormat';
import { summarizeProblems } from '../../core/traffic/traceReader';
import { checkTraceFile, emptyTraceMessage, NotATraceError } from '../../core/traffic/traceFileCheck';
import type { CliCommand } from '../commandTable';
import { CliError, EXIT } from '../cliError';
import { parseCommandArgs } from '../parseCommandArgs';

const HELP = `Usage: mcp-workbench diff <a.mcptrace> <b.mcptrace> [options]

Reports what changed from a to b as a user of the server sees it: the server's identity, tools/prompts/resources
added, removed or changed, answers to the same calls that changed, and questions the server asks during a call
that were added, removed or changed. The traces may be of different eras (2025-11-25 and 2026-07-28): envelope
differences are not changes. The first line sums it up.

Options:
  --ignore <path>   do not compare this path (repeatable), e.g. 'result.content[*].text'
  --json            the diff as JSON

Exit codes: 0 no changes, 1 something changed, 2 usage error or a file that is not a trace.`;

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
  for (const f of [a, b]) {
    await checkTraceFile(resolve(f), f).catch((e) => {
      throw e instanceof NotATraceError ? new CliError(e.message, EXIT.usage) : e;
    });
  }
  const rules: CompareRuleSpec = { ignore: parsed.values.ignore };
  const [sa, sb] = await Promise.all([readRecordedSession(resolve(a)), readRecordedSession(resolve(b))]);
  for (const [f, s] of [[a, sa], [b, sb]] as const) if (s.eventCount === 0) throw new CliError(emptyTraceMessage(f), EXIT.usage);
  let d;
  try {
    d = diffSessions(sa, sb, rules);
  } catch (e) {
    throw new CliError((e as Error).message, EXIT.usage);
  }
  if (parsed.values.json) process.stdout.write(JSON.stringify({ a, b, summary: summarizeTraceDiff(d, a, b), ...d }, null, 2) + '\n');
  else process.stdout.write(formatTraceDiff(d, a, b));
  for (const [f, s] of [[a, sa], [b, sb]] as const) for (const w of summarizeProblems(s.problems)) process.stderr.write(`warning: ${f}: ${w}\n`);
  return d.identical ? EXIT.ok : EXIT.failed;
}

export const diffCommand: CliCommand = { summary: 'compare two traces (either era): catalogue, answers and questions that changed', run };
