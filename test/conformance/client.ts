// The conformance suite's client under test: `conformance client --command "<this>"` appends the scenario server's
// URL and sets MCP_CONFORMANCE_SCENARIO. Everything goes through src/core/client's Session (OAuth headless).
import { Session } from '../../src/core/client/session';
import { isProtocolChoice, type ProtocolChoice } from '../../src/core/client/protocolChoice';
import type { OAuthOptions, Tool } from '../../src/core/client/types';
import { grantFor, type GrantContext } from './clientGrants';

// The URL-shaped client id the suite expects for client ID metadata documents (auth/basic-cimd).
const CIMD_URL = 'https://conformance-test.local/client-metadata.json';

interface ConformanceContext extends GrantContext {
  name?: string;
  /** Calls the scenario wants made as given (http-custom-headers: null and non-ASCII values in Mcp-Param headers). */
  toolCalls?: Array<{ name: string; arguments?: Record<string, unknown> }>;
}

/**
 * The suite asks for a wire (MCP_CONFORMANCE_PROTOCOL_VERSION): 2025-11-25 is the handshake, 2026-07-28 stateless.
 * MCPWB_CONFORMANCE_PROTOCOL=auto (the runner's --protocol auto) lets the Session negotiate instead.
 */
function protocolFor(version: string | undefined): ProtocolChoice {
  if (process.env.MCPWB_CONFORMANCE_PROTOCOL === 'auto') return 'auto';
  return version && isProtocolChoice(version) ? version : 'auto';
}

/** Arguments that satisfy a tool's input schema well enough for a test server. */
function sampleArguments(tool: Tool): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const props = (tool.inputSchema?.properties ?? {}) as Record<string, { type?: string; default?: unknown; enum?: unknown[] }>;
  let n = 1;
  for (const [name, schema] of Object.entries(props)) {
    if (schema.default !== undefined) args[name] = schema.default;
    else if (schema.enum?.length) args[name] = schema.enum[0];
    else if (schema.type === 'number' || schema.type === 'integer') args[name] = n++;
    else if (schema.type === 'boolean') args[name] = true;
    else if (schema.type === 'array') args[name] = [];
    else if (schema.type === 'object') args[name] = {};
    else args[name] = 'test';
  }
  return args;
}

/** Which tools a scenario needs called; undefined = call every tool the server lists. */
const TOOLS_BY_SCENARIO: Record<string, string[]> = {
  initialize: [],
};

/** json-schema-2020-12-preservation: the tool whose JSON Schema 2020-12 inputSchema is to be echoed back. */
const SCHEMA_ECHO = { scenario: 'json-schema-2020-12-preservation', focal: 'json_schema_2020_12_tool' };

async function run(scenario: string, url: string): Promise<void> {
  const context: ConformanceContext = process.env.MCP_CONFORMANCE_CONTEXT ? JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT) : {};
  const session = new Session();
  session.on('diagnostic', (d) => console.error(`[diagnostic] ${d.message}`));
  const oauth: OAuthOptions = {
    mode: 'headless',
    redirectUrl: 'http://localhost:3000/callback',
    clientName: 'mcp-workbench-conformance',
    clientMetadataUrl: CIMD_URL,
    clientId: context.client_id,
    clientSecret: context.client_secret,
    ...grantFor(scenario, context),
  };
  await session.connect(
    { kind: 'http', url, transport: 'streamable-http' },
    {
      clientInfo: { name: 'mcp-workbench-conformance', version: '0.1.0' },
      protocol: protocolFor(process.env.MCP_CONFORMANCE_PROTOCOL_VERSION),
      connectTimeoutMs: 20_000,
      requestTimeoutMs: 20_000,
      oauth,
      // Accept with no content: the client applies the schema's defaults (SEP-1034).
      elicitation: async () => ({ action: 'accept', content: {} }),
      sampling: async () => ({ role: 'assistant', content: { type: 'text', text: 'conformance' }, model: 'none' }),
    },
  );
  // Listed first in every case: the client learns each tool's x-mcp-header parameters from tools/list.
  const tools = await session.listTools();
  if (context.toolCalls) {
    for (const call of context.toolCalls) {
      const result = await session.callTool(call.name, call.arguments ?? {});
      console.error(`[tool] ${call.name}: ${result.isError ? 'isError' : 'ok'}`);
    }
    await session.close();
    return;
  }
  if (scenario === SCHEMA_ECHO.scenario) {
    // Hands the focal tool's inputSchema back as received, so the scenario sees what the client kept of it.
    const focal = tools.find((t) => t.name === SCHEMA_ECHO.focal);
    const echo = tools.find((t) => t.name !== SCHEMA_ECHO.focal);
    if (!focal || !echo) throw new Error(`${scenario}: the server did not list ${SCHEMA_ECHO.focal} and an echo tool`);
    await session.callTool(echo.name, { schema: focal.inputSchema });
    await session.close();
    return;
  }
  const wanted = TOOLS_BY_SCENARIO[scenario];
  for (const tool of tools) {
    if (wanted && !wanted.includes(tool.name)) continue;
    const result = await session.callTool(tool.name, sampleArguments(tool));
    console.error(`[tool] ${tool.name}: ${result.isError ? 'isError' : 'ok'}`);
  }
  await session.close();
}

const scenario = process.env.MCP_CONFORMANCE_SCENARIO;
const url = process.argv[process.argv.length - 1];
if (!scenario || !url?.startsWith('http')) {
  console.error('Usage: MCP_CONFORMANCE_SCENARIO=<scenario> client <server-url>');
  process.exit(2);
}
run(scenario, url).then(
  () => process.exit(0),
  (e) => {
    console.error(`[${scenario}] ${e?.message ?? e}${e?.hint ? `\nhint: ${e.hint}` : ''}`);
    process.exit(1);
  },
);
