// SEP-2243 custom headers (2026-07-28): a tool's inputSchema may mark a property with `x-mcp-header: Name`, and a
// client then sends that argument as `Mcp-Param-Name` on tools/call. A server must refuse the call when such a
// header is missing while the body has the value, does not match it, or is badly encoded (400, -32020). The SDK
// runs this check inside createMcpHandler but does not export its pieces, so this is the small version of the spec
// text; test/unit/gateway/gatewayParamHeaders.test.ts compares it with the SDK's own handler.
import type { IncomingHttpHeaders } from 'node:http';
import { decodeSentinel, mismatch, type GateRejection } from './modernGate';

export interface ParamDeclaration {
  /** The chain of `properties` keys from the schema root to the annotated property. */
  path: string[];
  /** The name part of `Mcp-Param-{header}`. */
  header: string;
  /** The property's JSON Schema type: integers are compared as numbers. */
  type: string | undefined;
}

export const NO_DECLARATIONS: readonly ParamDeclaration[] = Object.freeze([]);

/** RFC 9110 token: a name a client can send as a header at all. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What a plain (not Base64) header value may hold: visible ASCII, space and tab. */
const PLAIN_VALUE = /^[\t\x20-\x7e]*$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
/** Schemas nest no deeper than this in practice; the walk stops there. */
const MAX_DEPTH = 32;

/**
 * The `x-mcp-header` declarations of a tool's inputSchema: only properties reached through `properties` keys alone
 * count (an annotation under items, oneOf, $ref and the like makes the tool invalid, and clients drop such tools).
 */
export function paramDeclarations(inputSchema: unknown): readonly ParamDeclaration[] {
  let found: ParamDeclaration[] | undefined;
  const visit = (node: unknown, path: string[]): void => {
    if (!isObject(node) || path.length > MAX_DEPTH) return;
    const header = node['x-mcp-header'];
    if (path.length && typeof header === 'string' && TOKEN.test(header)) {
      (found ??= []).push({ path, header, type: typeof node.type === 'string' ? node.type : undefined });
    }
    if (isObject(node.properties)) for (const [key, child] of Object.entries(node.properties)) visit(child, [...path, key]);
  };
  visit(inputSchema, []);
  return found ?? NO_DECLARATIONS;
}

/** Checks each declared header against the call's arguments; the first disagreement is the refusal. */
export function checkParamHeaders(declarations: readonly ParamDeclaration[], args: unknown, headers: IncomingHttpHeaders): GateRejection | undefined {
  for (const d of declarations) {
    const name = `Mcp-Param-${d.header}`;
    const body = valueAt(args, d.path);
    const bodyText = asHeaderText(body);
    // A null or absent value travels without a header (and a header sent anyway is ignored).
    if (bodyText === undefined) continue;
    const where = d.path.join('.');
    const raw = headers[name.toLowerCase()];
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (value === undefined) return mismatch(name, `the body carries ${where}=${JSON.stringify(body)} but the ${name} header is absent`);
    if (!PLAIN_VALUE.test(value)) return mismatch(name, `the ${name} header carries characters outside visible ASCII (such values travel Base64-encoded)`);
    const decoded = decodeSentinel(value);
    if (decoded === undefined) return mismatch(name, `the ${name} header carries an invalid Base64 sentinel value`);
    const numeric = (d.type === 'integer' || d.type === 'number') && typeof body === 'number' && DECIMAL.test(decoded);
    if (numeric ? Number(decoded) !== body : decoded !== bodyText) {
      return mismatch(name, `the ${name} header decodes to ${JSON.stringify(decoded)} but the body carries ${where}=${JSON.stringify(body)}`);
    }
  }
  return undefined;
}

/** A primitive argument as a client writes it into a header; undefined for null, absent and non-primitive values. */
function asHeaderText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value))) return String(value);
  return undefined;
}

function valueAt(root: unknown, path: string[]): unknown {
  let node = root;
  for (const key of path) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
