// How every CLI command reads its own options: node:util parseArgs, with a bad option turned into a usage
// CliError (one sentence plus the command's help hint) instead of a Node stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT } from './cliError';

/** Splits `[options] -- <command> [args...]`: the options before `--`, the server's command line after it. */
export function splitCommandLine(argv: string[]): { own: string[]; command: string[] } {
  const dash = argv.indexOf('--');
  return dash === -1 ? { own: argv, command: [] } : { own: argv.slice(0, dash), command: argv.slice(dash + 1) };
}

/** parseArgs, throwing a usage CliError with `hint` (how to see the options) when the arguments do not fit. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T, hint: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new CliError(`${(e as Error).message.split('\n')[0].replace(/\.$/, '')}.`, EXIT.usage, hint);
  }
}
