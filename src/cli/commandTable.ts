// The CLI's commands. Each lives in commands/<name>.ts and exports a CliCommand.
export interface CliCommand {
  summary: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(argv: string[]): Promise<number>;
}

import { serveCommand } from './commands/serve';
import { validateCommand } from './commands/validate';

export const COMMANDS: Record<string, CliCommand> = {
  serve: serveCommand,
  validate: validateCommand,
};
