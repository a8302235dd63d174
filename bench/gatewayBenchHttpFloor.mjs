// The floor for any HTTP path on this machine: the same tools served in-process by the SDK's own HTTP handling, no
// child process, no auth. 2025 era (default): one McpServer and NodeStreamableHTTPServerTransport per session; with
// --json-response the transport answers requests with application/json bodies instead of SSE streams. 2026-07-28
// era (--modern): createMcpHandler, a fresh server per request, through toNodeHandler. Prints {"port":N}.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport, toNodeHandler } from '@modelcontextprotocol/node';
import { registerBenchTools } from './gatewayBenchTools.mjs';

const enableJsonResponse = process.argv.includes('--json-response');
const modern = process.argv.includes('--modern');
const newServer = () => {
  const server = new McpServer({ name: 'bench-floor', version: '1.0.0' });
  registerBenchTools(server);
  return server;
};

const sessions = new Map();
const legacy = async (req, res) => {
  const sid = req.headers['mcp-session-id'];
  let transport = typeof sid === 'string' ? sessions.get(sid) : undefined;
  if (!transport) {
    if (sid) {
      res.writeHead(404).end();
      return;
    }
    transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), enableJsonResponse, onsessioninitialized: (id) => sessions.set(id, transport) });
    await newServer().connect(transport);
  }
  await transport.handleRequest(req, res);
};
const http = createServer(modern ? toNodeHandler(createMcpHandler(newServer, { legacy: 'reject' })) : legacy);
http.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: http.address().port }) + '\n'));
