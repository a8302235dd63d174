// `call`: tools/call with JSON arguments; prints the content. Exit 4 when the tool reports isError.
import { clientCommand, printJson } from '../clientCommand';
import { EXIT } from '../cliError';
import { parseJsonArguments } from '../target';

/** Human rendering of tool/prompt/resource content blocks. */
export function renderContent(blocks: Array<Record<string, any>>): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'text':
          return String(b.text);
        case 'image':
        case 'audio':
          return `[${b.type} ${b.mimeType ?? ''}, ${Math.floor((String(b.data ?? '').length * 3) / 4)} bytes]`;
        case 'resource_link':
          return `[resource link ${b.uri}${b.name ? ` (${b.name})` : ''}]`;
        case 'resource':
          return b.resource?.text !== undefined ? `[resource ${b.resource.uri}]\n${b.resource.text}` : `[resource ${b.resource?.uri} ${b.resource?.mimeType ?? ''} (binary)]`;
        default:
          return JSON.stringify(b);
      }
    })
    .join('\n');
}

export const callCommand = clientCommand({
  name: 'call',
  summary: 'Call a tool with JSON arguments',
  operands: ['<tool>', '[json-args]'],
  description:
    'Calls a tool and prints its content (text as is, other blocks summarised); --json prints the whole result.\n' +
    'Exits with 4 when the tool answers with isError: true, and with 7 (after printing the result) when its\n' +
    'structuredContent does not match the outputSchema the tool declares.',
  examples: [`mcp-workbench call http://127.0.0.1:3000/mcp echo '{"message":"hi"}'`, `mcp-workbench call echo '{"message":"hi"}' --record run.mcptrace -- node build/server.js`],
  async run(session, args, [tool, json]) {
    const toolArgs = parseJsonArguments(json, 'tool arguments');
    // The tool's definition (its outputSchema) comes from tools/list.
    await session.listTools();
    const { result, outputProblem } = await session.callToolChecked(tool, toolArgs);
    if (args.json) printJson(result);
    else {
      const text = renderContent(result.content as Array<Record<string, any>>);
      if (text) process.stdout.write(text + '\n');
      if (result.structuredContent !== undefined && !text) printJson(result.structuredContent);
    }
    if (result.isError) {
      process.stderr.write(`mcp-workbench call: the tool "${tool}" reported an error (isError: true).\n`);
      return EXIT.toolError;
    }
    if (outputProblem) {
      process.stderr.write(`warning: the structuredContent of "${tool}" does not match its outputSchema: ${outputProblem}.\n`);
      return EXIT.outputSchema;
    }
    return EXIT.ok;
  },
});
