// The bench's backend as a stdio server (what direct stdio, our gateway and the peers all run). It serves both
// protocol eras (SDK v2 serveStdio), so each era is measured against the same server code.
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { registerBenchTools } from './gatewayBenchTools.mjs';

serveStdio(() => {
  const server = new McpServer({ name: 'bench', version: '1.0.0' });
  registerBenchTools(server);
  return server;
});
