#!/usr/bin/env node
// The demo MCP server: a small but real stdio server written with the MCP TypeScript SDK v2 that speaks both
// protocol eras (2025-11-25 with its initialize handshake, 2026-07-28 with server/discover). Its tool input
// schemas are hand-written JSON Schema (nested objects, arrays of objects, titled enums via oneOf/const, nullable
// types, defaults, formats, $ref/$defs, oneOf) that exercise a client's schema forms. It also has a tool with
// outputSchema + structuredContent, one that reports progress and honours cancellation, one that asks for
// elicitation, one that asks for sampling, a resource, a resource template with completion, a prompt with
// argument completion, and logging. Run: node server.mjs (speaks MCP on stdin/stdout).
import { McpServer, ResourceNotFoundError, ResourceTemplate, completable, fromJsonSchema } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';
import { TOOLS } from './tools.mjs';
import { NOTES, README_TEXT } from './content.mjs';

const LANGUAGES = ['javascript', 'typescript', 'python', 'rust', 'go', 'java', 'kotlin', 'csharp'];
const CLIENT_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
const startsWith = (pool) => (value) => pool.filter((v) => v.startsWith(value ?? '')).slice(0, 100);

/** One server instance per connection; serveStdio picks the era from the client's opening message. */
function createDemoServer() {
  const server = new McpServer(
    { name: 'mcp-workbench-demo', title: 'MCP Workbench demo server', version: '0.1.0' },
    {
      capabilities: { tools: {}, resources: {}, prompts: {}, completions: {}, logging: {} },
      instructions: 'A demo server for MCP Workbench. Try the tools with the most complex input schemas first.',
    },
  );

  for (const tool of TOOLS) {
    const { name, title, description, annotations, inputSchema, outputSchema } = tool;
    const config = { title, description, annotations, inputSchema: fromJsonSchema(inputSchema), ...(outputSchema ? { outputSchema: fromJsonSchema(outputSchema) } : {}) };
    server.registerTool(name, config, async (args, ctx) => {
      const log = (level, data) => ctx.mcpReq.log(level, data, 'demo').catch(() => undefined);
      // The 2026-07-28 era declares the client's capabilities on each request; the 2025 era at initialize.
      const caps = ctx.mcpReq.envelope?.[CLIENT_CAPABILITIES] ?? server.server.getClientCapabilities();
      // Only the first round of a call says it is calling (later rounds carry the client's answers).
      if (!ctx.mcpReq.inputResponses) await log('info', `calling ${name}`);
      // TOOLS is read per call, so a variant that patches a tool's run before importing this module is served.
      return TOOLS.find((t) => t.name === name).run(args ?? {}, { ctx, caps, log });
    });
  }

  server.registerResource('readme', 'demo://readme', { title: 'About the demo server', mimeType: 'text/markdown' }, (uri) => ({
    contents: [{ uri: uri.href, mimeType: 'text/markdown', text: README_TEXT }],
  }));
  server.registerResource(
    'note',
    new ResourceTemplate('demo://notes/{name}', {
      list: () => ({ resources: Object.keys(NOTES).map((name) => ({ uri: `demo://notes/${name}`, name: `note-${name}`, mimeType: 'text/plain' })) }),
      complete: { name: startsWith(Object.keys(NOTES)) },
    }),
    { title: 'A note by name', description: 'Notes the demo server keeps in memory.', mimeType: 'text/plain' },
    (uri, { name }) => {
      const text = NOTES[decodeURIComponent(String(name))];
      if (text === undefined) throw new ResourceNotFoundError(uri.href, `Resource not found: ${uri.href}`);
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text }] };
    },
  );

  server.registerPrompt(
    'review_code',
    {
      title: 'Review code',
      description: 'Asks the model to review a snippet in a given language.',
      argsSchema: z.object({
        language: completable(z.string().describe('Programming language (completes)'), startsWith(LANGUAGES)),
        code: z.string().describe('The code to review'),
        focus: z.string().optional().describe('What to focus on, e.g. security'),
      }),
    },
    ({ language, code, focus }) => ({
      description: `Review of a ${language} snippet`,
      messages: [{ role: 'user', content: { type: 'text', text: `Review this ${language} code${focus ? ` with a focus on ${focus}` : ''}:\n\n${code}` } }],
    }),
  );
  return server;
}

serveStdio(createDemoServer, { onerror: (e) => process.stderr.write(`mcp-workbench-demo: ${e.message}\n`) });
process.stderr.write('mcp-workbench-demo: ready on stdio\n');
