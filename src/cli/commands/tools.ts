// `tools`: list the server's tools (all pages).
import { clientCommand, firstLine, printJson, printRows } from '../clientCommand';
import { EXIT } from '../cliError';

export const toolsCommand = clientCommand({
  name: 'tools',
  summary: 'List a server\'s tools',
  operands: [],
  description: 'Lists the tools the server offers (following pagination): name and description, or the full tool objects with --json.',
  examples: ['mcp-workbench tools http://127.0.0.1:3000/mcp', 'mcp-workbench tools --json -- node build/server.js', 'mcp-workbench tools --config .vscode/mcp.json --server weather'],
  async run(session, args) {
    const tools = await session.listTools();
    if (args.json) printJson(tools);
    else printRows(tools.map((t) => [t.name, firstLine(t.title ?? t.description)]), '(no tools)');
    return EXIT.ok;
  },
});
