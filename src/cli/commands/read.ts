// `read`: resources/read; prints text contents as they are and summarises binary ones.
import { clientCommand, printJson } from '../clientCommand';
import { EXIT } from '../cliError';

export const readCommand = clientCommand({
  name: 'read',
  summary: 'Read a resource by URI',
  operands: ['<uri>'],
  description: 'Reads a resource and prints its text contents; binary contents are summarised (use --json for the base64 data).',
  examples: ['mcp-workbench read file:///README.md -- node build/server.js'],
  async run(session, args, [uri]) {
    const result = await session.readResource(uri);
    if (args.json) printJson(result);
    else {
      for (const c of result.contents) {
        if ('text' in c && typeof c.text === 'string') process.stdout.write(c.text.endsWith('\n') ? c.text : c.text + '\n');
        else process.stdout.write(`[binary ${c.mimeType ?? ''} ${c.uri}, ${Math.floor((String((c as { blob?: string }).blob ?? '').length * 3) / 4)} bytes]\n`);
      }
    }
    return EXIT.ok;
  },
});
