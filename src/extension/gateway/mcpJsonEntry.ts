// The snippet a user pastes into an HTTP client's mcp.json to reach a running gateway. The token is never in it:
// it is a prompted, password-style ${input:...} that the client asks for once.
export function gatewayInputId(name: string): string {
  return `mcp-workbench-gateway-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'server'}`;
}

export function mcpJsonEntry(name: string, url: string, authMode: 'token' | 'oauth'): string {
  const serverName = `${name} (via gateway)`;
  if (authMode === 'oauth') {
    // OAuth clients discover the authorization server from the 401 challenge: no secret to configure.
    return JSON.stringify({ servers: { [serverName]: { type: 'http', url } } }, null, 2);
  }
  const id = gatewayInputId(name);
  return JSON.stringify(
    {
      inputs: [{ type: 'promptString', id, description: `Bearer token of the MCP Workbench gateway for ${name}`, password: true }],
      servers: { [serverName]: { type: 'http', url, headers: { Authorization: `Bearer \${input:${id}}` } } },
    },
    null,
    2,
  );
}
