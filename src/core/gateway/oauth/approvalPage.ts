// The consent page of the built-in authorization server: names the client and what it asks for, asks for the
// one-time approval code shown where the gateway runs, and posts the decision back with a single-use request id.
import type { AuthorizationParams } from '@modelcontextprotocol/server-legacy/auth';
import type { OAuthClientInformationFull } from '@modelcontextprotocol/server';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderApprovalPage(requestId: string, client: OAuthClientInformationFull, params: AuthorizationParams): string {
  const name = client.client_name ?? client.client_id;
  const scopes = params.scopes?.length ? params.scopes.join(' ') : '(default)';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize ${esc(name)}</title>
<style>body{font:15px system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}dt{font-weight:600}input,button{font:inherit;padding:.4rem 1.2rem;margin-right:.5rem}</style></head>
<body><h1>Authorize access to the MCP Workbench gateway</h1>
<dl><dt>Client</dt><dd>${esc(name)}</dd><dt>Redirects to</dt><dd>${esc(params.redirectUri)}</dd><dt>Scopes</dt><dd>${esc(scopes)}</dd>
${params.resource ? `<dt>Resource</dt><dd>${esc(params.resource.href)}</dd>` : ''}</dl>
<form method="post" action="/oauth/approve"><input type="hidden" name="request" value="${esc(requestId)}">
<p><label>Approval code (shown where the gateway runs: its terminal, or a notification in the editor)<br>
<input name="code" autocomplete="off" spellcheck="false" size="10" placeholder="XXXX-XXXX"></label></p>
<button type="submit" name="decision" value="approve">Approve</button><button type="submit" name="decision" value="deny">Deny</button></form>
</body></html>`;
}
