// Drives the gateway's built-in authorization server the way an OAuth 2.1 client would: dynamic registration,
// PKCE S256, the approval page (with the one-time approval code the developer would read off the gateway's
// terminal), the token endpoint.
import { createHash, randomBytes } from 'node:crypto';
import { startGateway, type Gateway } from '../../../src/core/gateway/gateway';
import type { GatewayOptions } from '../../../src/core/gateway/gatewayOptions';
import type { ApprovalRequest } from '../../../src/core/gateway/oauth/localOAuthProvider';

/** The approval codes each gateway showed its developer, newest last. */
const shown = new WeakMap<Gateway, ApprovalRequest[]>();

/** An OAuth-mode gateway whose approval codes the test can read, as the developer would on its terminal. */
export async function startOAuthGateway(options: GatewayOptions): Promise<Gateway> {
  const codes: ApprovalRequest[] = [];
  const g = await startGateway({ ...options, auth: 'oauth', oauth: { ...options.oauth, showApprovalCode: (r) => codes.push(r) } });
  shown.set(g, codes);
  return g;
}

export function approvalCodes(g: Gateway): ApprovalRequest[] {
  return shown.get(g) ?? [];
}

/** Opens the approval page; returns the pending request id on its form. */
export async function openApprovalPage(gw: Gateway, clientId: string, challenge: string, params: Record<string, string | undefined> = {}): Promise<string> {
  const page = await fetch(authorizeUrl(gw, clientId, { code_challenge: challenge, code_challenge_method: 'S256', ...params }), { redirect: 'manual' });
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}: ${await page.text()}`);
  const request = /name="request" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!request) throw new Error('no approval form on the page');
  return request;
}

export function postDecision(gw: Gateway, form: Record<string, string>): Promise<Response> {
  return fetch(`${gw.origin}/oauth/approve`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form), redirect: 'manual' });
}

export const REDIRECT = 'http://127.0.0.1:9/callback';

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export async function register(gw: Gateway, name = 'test-client'): Promise<string> {
  const res = await fetch(`${gw.origin}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ redirect_uris: [REDIRECT], client_name: name, token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] }),
  });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { client_id: string }).client_id;
}

export function authorizeUrl(gw: Gateway, clientId: string, params: Record<string, string | undefined>): string {
  const u = new URL(`${gw.origin}/authorize`);
  const all: Record<string, string | undefined> = { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, state: 'st4te', scope: 'mcp', resource: gw.url, ...params };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) u.searchParams.set(k, v);
  return u.href;
}

/** Goes through the approval page, typing the code the gateway showed, and returns the authorization code. */
export async function authorize(gw: Gateway, clientId: string, challenge: string, params: Record<string, string | undefined> = {}): Promise<string> {
  const request = await openApprovalPage(gw, clientId, challenge, params);
  const code = approvalCodes(gw).at(-1)?.code;
  if (!code) throw new Error('the gateway showed no approval code');
  const decided = await postDecision(gw, { request, decision: 'approve', code });
  if (decided.status !== 302) throw new Error(`approval answered ${decided.status}: ${await decided.text()}`);
  const to = new URL(decided.headers.get('location')!);
  if (to.searchParams.get('state') !== 'st4te') throw new Error('state not returned');
  return to.searchParams.get('code')!;
}

export async function tokenRequest(gw: Gateway, form: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${gw.origin}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  return { status: res.status, body: await res.json() };
}

export async function obtainTokens(gw: Gateway, clientId: string, params: Record<string, string | undefined> = {}): Promise<{ access_token: string; refresh_token: string; scope: string }> {
  const { verifier, challenge } = pkce();
  const code = await authorize(gw, clientId, challenge, params);
  const res = await tokenRequest(gw, { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: clientId });
  if (res.status !== 200) throw new Error(`token exchange failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
