// `resources`: list the server's resources (all pages).
import { clientCommand, printJson, printRows } from '../clientCommand';
import { EXIT } from '../cliError';

export const resourcesCommand = clientCommand({
  name: 'resources',
  summary: 'List a server\'s resources',
  operands: [],
  description: 'Lists the resources the server offers (following pagination): URI and name, or the full objects with --json.',
  examples: ['mcp-workbench resources -- node build/server.js'],
  async run(session, args) {
    const resources = await session.listResources();
    if (args.json) printJson(resources);
    else printRows(resources.map((r) => [r.uri, [r.name, r.mimeType ? `(${r.mimeType})` : ''].filter(Boolean).join(' ')]), '(no resources)');
    return EXIT.ok;
  },
});
