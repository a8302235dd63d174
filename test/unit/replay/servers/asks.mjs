// Verify fixture for the question findings (SDK v2, both eras): `order` answers "one coffee" directly with ASKS=0
// (the default), asks "Which size?" first with ASKS=1, and "Which size?" and "Milk?" in one round with ASKS=2. The
// answer is the same every time, so only the questions differ between two runs.
import { McpServer, fromJsonSchema, inputRequired, inputResponse } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

const ASKS = Number(process.env.ASKS ?? 0);
const QUESTIONS = {
  size: { message: 'Which size?', requestedSchema: { type: 'object', properties: { size: { type: 'string' } }, required: ['size'] } },
  milk: { message: 'Milk?', requestedSchema: { type: 'object', properties: { milk: { type: 'boolean' } }, required: ['milk'] } },
};

function create() {
  const server = new McpServer({ name: 'asks', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.registerTool('order', { description: 'Orders a coffee.', inputSchema: fromJsonSchema({ type: 'object', properties: {} }) }, (_args, ctx) => {
    const asks = Object.keys(QUESTIONS).slice(0, ASKS);
    const open = asks.filter((key) => inputResponse(ctx.mcpReq.inputResponses, key).kind !== 'elicit');
    if (open.length) return inputRequired({ inputRequests: Object.fromEntries(open.map((key) => [key, inputRequired.elicit(QUESTIONS[key])])) });
    return { content: [{ type: 'text', text: 'one coffee' }] };
  });
  return server;
}
serveStdio(() => create(), { onerror: (e) => process.stderr.write(`asks: ${e.message}\n`) });
