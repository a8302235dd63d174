// Verify fixture, "before the migration" on the real SDK v1 (@modelcontextprotocol/sdk 1.x, McpServer with zod
// shapes on its StdioServerTransport; 2025 only): the same tools as files-v1.mjs. `delete` confirms with a 2025
// elicitation request; `greet` says Hello.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { TOOLS, text } from './files-tools.mjs';

const server = new McpServer({ name: 'files', version: '1.0.0' }, { capabilities: { tools: {} } });
server.registerTool('greet', { description: TOOLS.greet, inputSchema: { name: z.string() } }, ({ name }) => text(`Hello, ${name}`));
server.registerTool('size', { description: TOOLS.size, inputSchema: { path: z.string() } }, ({ path }) => text(`${path}: 12 bytes`));
server.registerTool('delete', { description: TOOLS.delete, inputSchema: { path: z.string() } }, async ({ path }) => {
  const answer = await server.server.elicitInput({ message: `Delete ${path}?`, requestedSchema: TOOLS.confirmSchema });
  return text(answer.action === 'accept' && answer.content?.confirm === true ? `deleted ${path}` : `kept ${path}`);
});
await server.connect(new StdioServerTransport());
