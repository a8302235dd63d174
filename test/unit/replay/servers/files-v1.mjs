// Verify fixture, "before the migration": a 2025-only server (McpServer on StdioServerTransport, as v1 servers are).
// `delete` confirms with a 2025 elicitation request; `greet` says Hello.
import { McpServer, fromJsonSchema } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { TOOLS, text } from './files-tools.mjs';

const server = new McpServer({ name: 'files', version: '1.0.0' }, { capabilities: { tools: {} } });
server.registerTool('greet', { description: TOOLS.greet, inputSchema: fromJsonSchema(TOOLS.greetSchema) }, ({ name }) => text(`Hello, ${name}`));
server.registerTool('size', { description: TOOLS.size, inputSchema: fromJsonSchema(TOOLS.pathSchema) }, ({ path }) => text(`${path}: 12 bytes`));
server.registerTool('delete', { description: TOOLS.delete, inputSchema: fromJsonSchema(TOOLS.pathSchema) }, async ({ path }, ctx) => {
  const answer = await ctx.mcpReq.elicitInput({ message: `Delete ${path}?`, requestedSchema: TOOLS.confirmSchema });
  return text(answer.action === 'accept' && answer.content?.confirm === true ? `deleted ${path}` : `kept ${path}`);
});
await server.connect(new StdioServerTransport());
