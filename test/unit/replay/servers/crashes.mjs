// Verify fixture: answers `echo`, and exits (code 3) when `crash` is called, as a server with a fatal bug does.
import { McpServer, fromJsonSchema } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

function create() {
  const server = new McpServer({ name: 'crashes', version: '1.0.0' }, { capabilities: { tools: {} } });
  const schema = fromJsonSchema({ type: 'object', properties: { text: { type: 'string' } } });
  server.registerTool('echo', { description: 'Returns its text.', inputSchema: schema }, ({ text }) => ({ content: [{ type: 'text', text: String(text) }] }));
  server.registerTool('crash', { description: 'Exits the process.', inputSchema: schema }, () => process.exit(3));
  return server;
}
serveStdio(() => create());
