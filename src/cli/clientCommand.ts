// Builds the client commands (tools, call, read, ...): shared option parsing, help text and session handling.
import type { CliCommand } from './commandTable';
import { CliError, EXIT } from './cliError';
import { withSession } from './clientSession';
import { CommonArgs, parseCommonArgs, TARGET_HELP } from './target';
import type { Session } from '../core/client/session';

export interface ClientCommandSpec {
  name: string;
  summary: string;
  /** Positionals after the target, e.g. ['<tool>', '[json-args]']. */
  operands: string[];
  description: string;
  examples: string[];
  run(session: Session, args: CommonArgs, operands: string[]): Promise<number>;
}

export function helpText(spec: ClientCommandSpec): string {
  const ops = spec.operands.length ? ' ' + spec.operands.join(' ') : '';
  return `Usage: mcp-workbench ${spec.name} <url>${ops} [options]
       mcp-workbench ${spec.name}${ops} [options] -- <command> [args...]
       mcp-workbench ${spec.name}${ops} --config <file> --server <name> [options]

${spec.description}

${TARGET_HELP}

Examples:
${spec.examples.map((e) => `  ${e}`).join('\n')}

Exit codes: 0 ok, 2 usage error, 3 connection failure, 4 the tool returned isError, 5 protocol (JSON-RPC) error,
6 a tool asked for input and no answer was given, 7 structuredContent does not match the tool's outputSchema.`;
}

export function clientCommand(spec: ClientCommandSpec): CliCommand & { help: string } {
  const help = helpText(spec);
  return {
    summary: spec.summary,
    help,
    async run(argv) {
      const args = parseCommonArgs(argv);
      if (!args) {
        process.stdout.write(help + '\n');
        return EXIT.ok;
      }
      const required = spec.operands.filter((o) => o.startsWith('<')).length;
      if (args.positionals.length < required) {
        throw new CliError(`Missing ${spec.operands.slice(args.positionals.length, required).join(' ')}.`, EXIT.usage, `Usage: mcp-workbench ${spec.name} <target> ${spec.operands.join(' ')} (see --help).`);
      }
      if (args.positionals.length > spec.operands.length) {
        throw new CliError(`Unexpected argument "${args.positionals[spec.operands.length]}".`, EXIT.usage, args.target.kind === 'command' ? 'Operands go before --; everything after -- is the server\'s command line.' : 'Quote JSON arguments as one shell word.');
      }
      return withSession(args, (session) => spec.run(session, args, args.positionals));
    },
  };
}

/** Prints a value as pretty JSON on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** A two-column listing that fits a terminal. */
export function printRows(rows: Array<[string, string]>, empty: string): void {
  if (rows.length === 0) {
    process.stdout.write(`${empty}\n`);
    return;
  }
  const width = Math.min(40, Math.max(...rows.map((r) => r[0].length)));
  for (const [a, b] of rows) process.stdout.write(`${a.padEnd(width)}  ${b}\n`.replace(/\s+\n$/, '\n'));
}

export function firstLine(s: string | undefined): string {
  return (s ?? '').split('\n')[0].trim();
}
