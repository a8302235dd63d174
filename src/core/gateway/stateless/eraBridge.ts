// The era bridge: a 2025-only stdio server served to 2026-07-28 clients. Each pool process gets the 2025 handshake
// once; `server/discover` is answered from its `initialize` result; requests lose their per-request envelope on the
// way in and results gain `resultType` on the way out. A server request (elicitation, sampling, roots) made during a
// call becomes an `input_required` result whose `requestState` names the held call; the client's retry carries the
// answers, which go to the server's pending requests, and the held call goes on.
import { randomBytes } from 'node:crypto';
import { LATEST_PROTOCOL_VERSION, SERVER_INFO_META_KEY } from '@modelcontextprotocol/server';
import type { JSONRPCRequest } from '@modelcontextprotocol/server';
import { MODERN_REVISION } from '../probeServer';

/** Envelope keys of 2026-07-28 requests (`io.modelcontextprotocol/protocolVersion`, clientInfo...). */
const ENVELOPE_PREFIX = 'io.modelcontextprotocol/';
const STATE_PREFIX = 'mcpwb-bridge:';

/** The server requests a 2026-07-28 client can answer through `input_required`. */
export const BRIDGEABLE_SERVER_REQUESTS = new Set(['elicitation/create', 'sampling/createMessage', 'roots/list']);

export const BRIDGE_INITIALIZE_ID = 'mcpwb-bridge-initialize';

/** The capabilities the bridge announces to the server: the client answers these through input_required. */
export function bridgeInitialize(protocolVersion: string | undefined): JSONRPCRequest {
  return {
    jsonrpc: '2.0',
    id: BRIDGE_INITIALIZE_ID,
    method: 'initialize',
    params: {
      protocolVersion: protocolVersion ?? LATEST_PROTOCOL_VERSION,
      capabilities: { elicitation: { form: {}, url: {} }, sampling: {}, roots: {} },
      clientInfo: { name: 'mcp-workbench gateway (era bridge)', version: '1' },
    },
  };
}

/** `server/discover` as a 2026-07-28 server would answer it, from a 2025 `initialize` result. */
export function discoverFromInitialize(init: Record<string, any>): Record<string, unknown> {
  return {
    supportedVersions: [MODERN_REVISION],
    capabilities: init.capabilities ?? {},
    ...(init.instructions !== undefined ? { instructions: init.instructions } : {}),
    resultType: 'complete',
    ttlMs: 0,
    cacheScope: 'private',
    _meta: { [SERVER_INFO_META_KEY]: init.serverInfo },
  };
}

/** The request as a 2025 server expects it: no envelope keys, no retry fields (the bridge keeps those). */
export function toLegacyRequest<T extends { params?: Record<string, any> }>(msg: T): T {
  if (!msg.params) return msg;
  const { inputResponses: _responses, requestState: _state, ...params } = msg.params;
  if (params._meta) {
    const meta = Object.fromEntries(Object.entries(params._meta as Record<string, unknown>).filter(([k]) => !k.startsWith(ENVELOPE_PREFIX)));
    if (Object.keys(meta).length) params._meta = meta;
    else delete params._meta;
  }
  return { ...msg, params };
}

/** The results 2026-07-28 makes cacheable: they must carry ttlMs and cacheScope (SEP-2549). */
const CACHEABLE = new Set(['tools/list', 'prompts/list', 'resources/list', 'resources/templates/list', 'resources/read']);

/** Methods 2026-07-28 removed from the wire: a 2025 server has them, a modern client must get method-not-found. */
export const REMOVED_METHODS = new Set(['initialize', 'ping', 'logging/setLevel', 'resources/subscribe', 'resources/unsubscribe']);

/** A 2025 result as a 2026-07-28 client expects it: a resultType, and cache fields that say "do not cache". */
export function toModernResult(method: string, result: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = 'resultType' in result ? { ...result } : { ...result, resultType: 'complete' };
  if (CACHEABLE.has(method)) {
    out.ttlMs ??= 0;
    out.cacheScope ??= 'private';
  }
  return out;
}

/** The client capability a server request needs (a 2026-07-28 client declares them per request). */
export function capabilityFor(method: string): 'elicitation' | 'sampling' | 'roots' {
  return method === 'elicitation/create' ? 'elicitation' : method === 'sampling/createMessage' ? 'sampling' : 'roots';
}

export function newRequestState(gatewayId: number): { state: string; nonce: string } {
  const nonce = randomBytes(12).toString('base64url');
  return { state: `${STATE_PREFIX}${gatewayId}:${nonce}`, nonce };
}

/** The held call a retry's `requestState` names, if it is one of the bridge's. */
export function heldCallOf(requestState: unknown): { gatewayId: number; nonce: string } | undefined {
  if (typeof requestState !== 'string' || !requestState.startsWith(STATE_PREFIX)) return undefined;
  const [id, nonce] = requestState.slice(STATE_PREFIX.length).split(':');
  const gatewayId = Number(id);
  return Number.isSafeInteger(gatewayId) && nonce ? { gatewayId, nonce } : undefined;
}

/** The input_required result that carries the server's requests to the client. */
export function inputRequiredResult(requests: Map<string, { method: string; params?: unknown }>, requestState: string): Record<string, unknown> {
  return { resultType: 'input_required', inputRequests: Object.fromEntries(requests), requestState };
}

/** What a `subscriptions/listen` asks for (SubscriptionFilter). */
export interface ListenFilter {
  toolsListChanged?: boolean;
  promptsListChanged?: boolean;
  resourcesListChanged?: boolean;
  resourceSubscriptions?: string[];
}

/** The part of a listen filter the server can honour, by the capabilities it announced in `initialize`. */
export function honoredFilter(requested: ListenFilter, capabilities: Record<string, any> | undefined): ListenFilter {
  const honored: ListenFilter = {};
  if (requested.toolsListChanged === true && capabilities?.tools?.listChanged) honored.toolsListChanged = true;
  if (requested.promptsListChanged === true && capabilities?.prompts?.listChanged) honored.promptsListChanged = true;
  if (requested.resourcesListChanged === true && capabilities?.resources?.listChanged) honored.resourcesListChanged = true;
  const uris = Array.isArray(requested.resourceSubscriptions) ? requested.resourceSubscriptions.filter((u) => typeof u === 'string') : [];
  if (uris.length && capabilities?.resources?.subscribe) honored.resourceSubscriptions = uris;
  return honored;
}

/** Whether a 2025 server notification belongs on a listen stream with this filter. */
export function listenAccepts(filter: ListenFilter, method: string, params: Record<string, any> | undefined): boolean {
  if (method === 'notifications/tools/list_changed') return filter.toolsListChanged === true;
  if (method === 'notifications/prompts/list_changed') return filter.promptsListChanged === true;
  if (method === 'notifications/resources/list_changed') return filter.resourcesListChanged === true;
  if (method === 'notifications/resources/updated') return filter.resourceSubscriptions?.includes(params?.uri) ?? false;
  return false;
}
