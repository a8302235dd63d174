// Verify fixture, "after the migration": the same tools on SDK v2's serveStdio (both eras). Two changes a user
// would notice: `greet` says Hi instead of Hello, and `delete` asks "Really delete ...?" (as an input_required
// elicitation, which the SDK sends to a 2025 client as an elicitation request).
import { McpServer, fromJsonSchema, inputRequired, inputResponse } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { TOOLS, text } from './files-tools.mjs';

function create() {
  const server = new McpServer({ name: 'files', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.registerTool('greet', { description: TOOLS.greet, inputSchema: fromJsonSchema(TOOLS.greetSchema) }, ({ name }) => text(`Hi, ${name}`));
  server.registerTool('size', { description: TOOLS.size, inputSchema: fromJsonSchema(TOOLS.pathSchema) }, ({ path }) => text(`${path}: 12 bytes`));
  server.registerTool('delete', { description: TOOLS.delete, inputSchema: fromJsonSchema(TOOLS.pathSchema) }, ({ path }, ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'confirm');
    if (answer.kind !== 'elicit') return inputRequired({ inputRequests: { confirm: inputRequired.elicit({ message: `Really delete ${path}?`, requestedSchema: TOOLS.confirmSchema }) } });
    return text(answer.action === 'accept' && answer.content?.confirm === true ? `deleted ${path}` : `kept ${path}`);
  });
  return server;
}
serveStdio(() => create(), { onerror: (e) => process.stderr.write(`files-v2: ${e.message}\n`) });
