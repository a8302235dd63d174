// The floor for any HTTP path on this machine: the same tools served in-process by the SDK's own Streamable HTTP
// server transport (one McpServer and transport per session, no child process, no auth). With --json-response the
// transport answers requests with application/json bodies instead of SSE streams. Prints {"port":N}.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { registerBenchTools } from './gatewayBenchTools.mjs';

const enableJsonResponse = process.argv.includes('--json-response');
const sessions = new Map();
const http = createServer(async (req, res) => {
  const sid = req.headers['mcp-session-id'];
  let transport = typeof sid === 'string' ? sessions.get(sid) : undefined;
  if (!transport) {
    if (sid) {
      res.writeHead(404).end();
      return;
    }
    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), enableJsonResponse, onsessioninitialized: (id) => sessions.set(id, transport) });
    const server = new McpServer({ name: 'bench-floor', version: '1.0.0' });
    registerBenchTools(server);
    await server.connect(transport);
  }
  await transport.handleRequest(req, res);
});
http.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: http.address().port }) + '\n'));
