// `templates`: list the server's templates (all pages).
import { clientCommand, firstLine, printJson, printRows } from '../clientCommand';
import { EXIT } from '../cliError';

export const templatesCommand = clientCommand({
  name: 'templates',
  summary: 'List a server\'s resource templates',
  operands: [],
  description: 'Lists the resource templates the server offers (following pagination).',
  examples: ['mcp-workbench templates -- node build/server.js'],
  async run(session, args) {
    const templates = await session.listResourceTemplates();
    if (args.json) printJson(templates);
    else printRows(templates.map((t) => [t.uriTemplate, [t.name, firstLine(t.description)].filter(Boolean).join(' — ')]), '(no resource templates)');
    return EXIT.ok;
  },
});
