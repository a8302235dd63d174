#!/usr/bin/env node
// The demo MCP server: a small but real stdio server written with the MCP TypeScript SDK's low-level `Server`,
// so its tool input schemas can be hand-written JSON Schema (nested objects, arrays of objects, titled enums via
// oneOf/const, nullable types, defaults, formats, $ref/$defs, oneOf) that exercise a client's schema forms.
// It also has a tool with outputSchema + structuredContent, one that reports progress and honours cancellation,
// one that asks for elicitation, one that asks for sampling, a resource, a resource template with completion,
// a prompt with argument completion, and logging. Run: node server.mjs (speaks MCP on stdin/stdout).
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { TOOLS } from './tools.mjs';
import { NOTES, README_TEXT } from './content.mjs';

const server = new Server(
  { name: 'mcp-workbench-demo', title: 'MCP Workbench demo server', version: '0.1.0' },
  {
    capabilities: { tools: {}, resources: {}, prompts: {}, completions: {}, logging: {} },
    instructions: 'A demo server for MCP Workbench. Try the tools with the most complex input schemas first.',
  },
);

const log = (level, data) => server.sendLoggingMessage({ level, logger: 'demo', data }).catch(() => undefined);

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: TOOLS.map(({ run: _run, ...tool }) => tool),
}));

server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
  const tool = TOOLS.find((t) => t.name === request.params.name);
  if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
  await log('info', `calling ${tool.name}`);
  return tool.run(request.params.arguments ?? {}, { server, extra, log });
});

server.setRequestHandler(ListResourcesRequestSchema, async () => ({
  resources: [
    { uri: 'demo://readme', name: 'readme', title: 'About the demo server', mimeType: 'text/markdown' },
    ...Object.keys(NOTES).map((name) => ({ uri: `demo://notes/${name}`, name: `note-${name}`, mimeType: 'text/plain' })),
  ],
}));

server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
  resourceTemplates: [
    { uriTemplate: 'demo://notes/{name}', name: 'note', title: 'A note by name', description: 'Notes the demo server keeps in memory.', mimeType: 'text/plain' },
  ],
}));

server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
  const { uri } = request.params;
  if (uri === 'demo://readme') return { contents: [{ uri, mimeType: 'text/markdown', text: README_TEXT }] };
  const m = /^demo:\/\/notes\/(.+)$/.exec(uri);
  if (m && NOTES[decodeURIComponent(m[1])] !== undefined) {
    return { contents: [{ uri, mimeType: 'text/plain', text: NOTES[decodeURIComponent(m[1])] }] };
  }
  throw new McpError(-32002, `Resource not found: ${uri}`);
});

const LANGUAGES = ['javascript', 'typescript', 'python', 'rust', 'go', 'java', 'kotlin', 'csharp'];

server.setRequestHandler(ListPromptsRequestSchema, async () => ({
  prompts: [
    {
      name: 'review_code',
      title: 'Review code',
      description: 'Asks the model to review a snippet in a given language.',
      arguments: [
        { name: 'language', description: 'Programming language (completes)', required: true },
        { name: 'code', description: 'The code to review', required: true },
        { name: 'focus', description: 'What to focus on, e.g. security', required: false },
      ],
    },
  ],
}));

server.setRequestHandler(GetPromptRequestSchema, async (request) => {
  if (request.params.name !== 'review_code') throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${request.params.name}`);
  const { language, code, focus } = request.params.arguments ?? {};
  if (!language || !code) throw new McpError(ErrorCode.InvalidParams, 'review_code needs the arguments language and code');
  return {
    description: `Review of a ${language} snippet`,
    messages: [
      { role: 'user', content: { type: 'text', text: `Review this ${language} code${focus ? ` with a focus on ${focus}` : ''}:\n\n${code}` } },
    ],
  };
});

server.setRequestHandler(CompleteRequestSchema, async (request) => {
  const { ref, argument } = request.params;
  let pool = [];
  if (ref.type === 'ref/prompt' && ref.name === 'review_code' && argument.name === 'language') pool = LANGUAGES;
  if (ref.type === 'ref/resource' && ref.uri === 'demo://notes/{name}' && argument.name === 'name') pool = Object.keys(NOTES);
  const values = pool.filter((v) => v.startsWith(argument.value ?? ''));
  return { completion: { values: values.slice(0, 100), total: values.length, hasMore: values.length > 100 } };
});

await server.connect(new StdioServerTransport());
process.stderr.write('mcp-workbench-demo: ready on stdio\n');
