// `prompts`: list the server's prompts (all pages).
import { clientCommand, firstLine, printJson, printRows } from '../clientCommand';
import { EXIT } from '../cliError';

export const promptsCommand = clientCommand({
  name: 'prompts',
  summary: 'List a server\'s prompts',
  operands: [],
  description: 'Lists the prompts the server offers (following pagination) with their arguments (* = required).',
  examples: ['mcp-workbench prompts -- node build/server.js'],
  async run(session, args) {
    const prompts = await session.listPrompts();
    if (args.json) printJson(prompts);
    else {
      printRows(
        prompts.map((p) => [p.name, [`(${(p.arguments ?? []).map((a) => a.name + (a.required ? '*' : '')).join(', ')})`, firstLine(p.description)].filter(Boolean).join(' ')]),
        '(no prompts)',
      );
    }
    return EXIT.ok;
  },
});
