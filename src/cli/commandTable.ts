// The CLI's commands. Each lives in commands/<name>.ts and exports a CliCommand.
export interface CliCommand {
  summary: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(argv: string[]): Promise<number>;
}

import { serveCommand } from './commands/serve';
import { validateCommand } from './commands/validate';
import { toolsCommand } from './commands/tools';
import { resourcesCommand } from './commands/resources';
import { templatesCommand } from './commands/templates';
import { promptsCommand } from './commands/prompts';
import { callCommand } from './commands/call';
import { readCommand } from './commands/read';
import { promptCommand } from './commands/prompt';
import { pingCommand } from './commands/ping';
import { verifyCommand } from './commands/verify';
import { diffCommand } from './commands/diff';
import { mockCommand } from './commands/mock';
import { lintCommand } from './commands/lint';

export const COMMANDS: Record<string, CliCommand> = {
  serve: serveCommand,
  validate: validateCommand,
  tools: toolsCommand,
  resources: resourcesCommand,
  templates: templatesCommand,
  prompts: promptsCommand,
  call: callCommand,
  read: readCommand,
  prompt: promptCommand,
  ping: pingCommand,
  verify: verifyCommand,
  diff: diffCommand,
  mock: mockCommand,
  lint: lintCommand,
};
