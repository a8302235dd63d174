// `prompt`: prompts/get with JSON arguments (string values); prints the messages.
import { clientCommand, printJson } from '../clientCommand';
import { CliError, EXIT } from '../cliError';
import { parseJsonArguments } from '../target';
import { renderContent } from './call';

export const promptCommand = clientCommand({
  name: 'prompt',
  summary: 'Get a prompt with JSON arguments',
  operands: ['<name>', '[json-args]'],
  description: 'Gets a prompt and prints its messages as "role: content"; --json prints the whole result. Prompt arguments are strings.',
  examples: [`mcp-workbench prompt review '{"language":"ts"}' -- node build/server.js`],
  async run(session, args, [name, json]) {
    const raw = parseJsonArguments(json, 'prompt arguments');
    const promptArgs: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (typeof v === 'object' && v !== null) throw new CliError(`The prompt argument "${k}" must be a string, not an object or array.`, EXIT.usage);
      promptArgs[k] = String(v);
    }
    const result = await session.getPrompt(name, promptArgs);
    if (args.json) printJson(result);
    else {
      if (result.description) process.stdout.write(`# ${result.description}\n`);
      for (const m of result.messages) process.stdout.write(`${m.role}: ${renderContent([m.content as Record<string, any>])}\n`);
    }
    return EXIT.ok;
  },
});
