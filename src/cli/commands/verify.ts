// `mcp-workbench verify <trace...>`: replays each trace against the current server and compares every answer
// with the recorded one. Exits 1 on any mismatch so it can gate a pull request.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ConnectTarget } from '../../core/client/types';
import { CompareRules, CompareRuleSpec, mergeRules } from '../../core/replay/compareRules';
import { formatReports, ReportFormat } from '../../core/replay/verifyReportFormat';
import { verifyTrace, VerifyReport } from '../../core/replay/verify';
import { ConfigError, findConfigFile, loadConfigFile, WorkbenchConfig } from '../../core/replay/workbenchConfig';
import type { CliCommand } from '../commandTable';
import { CliError, EXIT } from '../cliError';
import { parseCommandArgs, splitCommandLine } from '../parseCommandArgs';
import { checkedCwd, pairs, resolveTargetSpec, TargetSpec } from '../target';
import { PROTOCOL_CHOICES, type ProtocolChoice } from '../../core/client/protocolChoice';
import { checkTraceFile, NotATraceError } from '../../core/traffic/traceFileCheck';

const HELP = `Usage: mcp-workbench verify <trace.mcptrace...> [options] [-- <command> [args...]]

Replays the calls of each trace against a server, in the era you choose whatever era the trace was recorded in,
and compares what a user sees: the catalogue, each call's answer, and each question the server asks during a call
(answered from the recording). Envelope differences between the eras are not findings.
The server is the one named in the trace header, unless one is given:
  --target <url>                   a Streamable HTTP (or SSE) endpoint
  -- <command> [args...]           a stdio server
  --config <file> --server <name>  a server from a client config or server.json

Options:
  --protocol auto|2025-11-25|2026-07-28  the era to replay in (default auto)
  --env KEY=VALUE        environment variable for a stdio server, added to the inherited one (repeatable)
  --cwd <dir>            working directory of a stdio server
  --ignore <path>        do not compare this path, e.g. 'result.content[*].text' or '**.etag' (repeatable)
  --volatile-key <key>   values of this key may differ anywhere (repeatable)
  --no-volatile          compare timestamps, UUIDs and the default volatile keys too
  --tolerance <n>        numbers within n of the recorded value are equal
  --rules <file>         read rules from this .mcpworkbench.json (default: the nearest one above the trace)
  --timeout <ms>         time to wait for each answer (default 30000)
  --notifications        also compare the server's notifications during each call (progress, logging, list changes)
  --format text|json|junit  report format (default text)
  --output <file>        write the report there instead of stdout
  --verbose              list passing answers too and print the server's stderr

Exit codes: 0 every answer matches, 1 a finding, 2 usage error or a file that is not a trace, 3 the server failed.`;

export interface VerifyArgs {
  traces: string[];
  target?: TargetSpec;
  protocol: ProtocolChoice;
  rules: CompareRuleSpec;
  rulesFile?: string;
  timeoutMs?: number;
  format: ReportFormat;
  output?: string;
  verbose: boolean;
  notifications: boolean;
}

export function parseVerifyArgs(argv: string[]): VerifyArgs | undefined {
  const { own, command } = splitCommandLine(argv);
  const parsed = parseCommandArgs(
    {
      args: own,
      allowPositionals: true,
      options: {
        target: { type: 'string' },
        protocol: { type: 'string' },
        env: { type: 'string', multiple: true },
        cwd: { type: 'string' },
        config: { type: 'string' },
        server: { type: 'string' },
        ignore: { type: 'string', multiple: true },
        'volatile-key': { type: 'string', multiple: true },
        'no-volatile': { type: 'boolean' },
        tolerance: { type: 'string' },
        rules: { type: 'string' },
        timeout: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string' },
        verbose: { type: 'boolean' },
        notifications: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    'Run "mcp-workbench verify --help" for the options.',
  );
  const v = parsed.values;
  if (v.help) return undefined;
  if (parsed.positionals.length === 0) throw new CliError('No trace given.', EXIT.usage, 'Name one or more .mcptrace files: mcp-workbench verify session.mcptrace');
  const format = (v.format ?? 'text') as ReportFormat;
  if (!['text', 'json', 'junit'].includes(format)) throw new CliError(`--format must be text, json or junit, not "${v.format}".`, EXIT.usage);
  const targets: TargetSpec[] = [];
  if (v.target) {
    if (!/^https?:\/\//i.test(v.target)) throw new CliError(`--target must be an http(s) URL, not "${v.target}".`, EXIT.usage, 'For a stdio server, put its command line after --.');
    targets.push({ kind: 'url', url: v.target, transport: 'auto', headers: {} });
  }
  const env = pairs(v.env, '=', 'an assignment', '--env');
  if (command.length) targets.push({ kind: 'command', command: command[0], args: command.slice(1), env, cwd: checkedCwd(v.cwd) });
  if (v.config || v.server) {
    if (!v.config || !v.server) throw new CliError('--config and --server go together.', EXIT.usage);
    targets.push({ kind: 'config', file: v.config, server: v.server, inputValues: {}, headers: {}, env });
  }
  const protocol = v.protocol ?? 'auto';
  if (!(PROTOCOL_CHOICES as readonly string[]).includes(protocol)) throw new CliError(`--protocol must be one of ${PROTOCOL_CHOICES.join(', ')}, not "${protocol}".`, EXIT.usage);
  if (targets.length > 1) throw new CliError('Name the server only once (--target, -- <command> or --config/--server).', EXIT.usage);
  const number = (flag: string, raw: string | undefined, min: number) => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) throw new CliError(`--${flag} must be a number of at least ${min}, not "${raw}".`, EXIT.usage);
    return n;
  };
  const rules: CompareRuleSpec = {
    ignore: v.ignore,
    volatileKeys: v['volatile-key'],
    volatile: v['no-volatile'] ? false : undefined,
    numericTolerance: number('tolerance', v.tolerance, 0),
  };
  try {
    new CompareRules(rules);
  } catch (e) {
    throw new CliError((e as Error).message, EXIT.usage);
  }
  return { traces: parsed.positionals, target: targets[0], protocol: protocol as ProtocolChoice, rules, rulesFile: v.rules, timeoutMs: number('timeout', v.timeout, 1), format, output: v.output, verbose: !!v.verbose, notifications: !!v.notifications };
}

function loadRules(args: VerifyArgs, trace: string): WorkbenchConfig | undefined {
  const file = args.rulesFile ? resolve(args.rulesFile) : findConfigFile(dirname(resolve(trace)));
  if (!file) return undefined;
  try {
    return loadConfigFile(file);
  } catch (e) {
    throw new CliError(e instanceof ConfigError ? e.message : `${file}: ${(e as Error).message}`, EXIT.usage);
  }
}

async function run(argv: string[]): Promise<number> {
  const args = parseVerifyArgs(argv);
  if (!args) {
    process.stdout.write(HELP + '\n');
    return EXIT.ok;
  }
  const explicit: ConnectTarget | undefined = args.target ? await resolveTargetSpec(args.target) : undefined;
  for (const trace of args.traces) {
    await checkTraceFile(resolve(trace), trace, 'verify').catch((e) => {
      throw e instanceof NotATraceError ? new CliError(e.message, EXIT.usage) : e;
    });
  }
  const reports: VerifyReport[] = [];
  for (const trace of args.traces) {
    const config = loadRules(args, trace);
    const report = await verifyTrace(resolve(trace), {
      traceName: trace,
      protocol: args.protocol,
      notifications: args.notifications,
      target: explicit ?? config?.verify.target,
      rules: mergeRules(config?.verify, args.rules),
      timeoutMs: args.timeoutMs ?? config?.verify.timeoutMs,
      onStderrLine: args.verbose ? (line) => process.stderr.write(`[server] ${line}\n`) : undefined,
    }).catch((e) => {
      throw new CliError(`Cannot verify ${trace}: ${(e as Error).message.replace(/\.$/, '')}.`, EXIT.usage);
    });
    reports.push(report);
  }
  const text = formatReports(reports, args.format, { verbose: args.verbose });
  if (args.output) {
    writeFileSync(args.output, text);
    if (args.format !== 'text') process.stderr.write(formatReports(reports, 'text'));
  } else process.stdout.write(text);
  // A changed answer outranks everything (the gate's verdict); then an unusable trace; then a server that failed.
  if (reports.some((r) => !r.error && !r.ok)) return EXIT.failed;
  if (reports.some((r) => r.errorKind === 'trace')) return EXIT.usage;
  if (reports.some((r) => r.error)) return EXIT.connection;
  return EXIT.ok;
}

export const verifyCommand: CliCommand = { summary: 'replay traces against a server and report changed answers', run };
