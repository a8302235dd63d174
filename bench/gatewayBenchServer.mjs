// The bench's backend as a stdio server (what direct stdio, our gateway and the peers all run).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { registerBenchTools } from './gatewayBenchTools.mjs';

const server = new McpServer({ name: 'bench', version: '1.0.0' });
registerBenchTools(server);
await server.connect(new StdioServerTransport());
