// Syntax: parse errors with their exact position, comments and trailing commas where the client reads strict
// JSON, and duplicate keys (JSON.parse keeps the last one, so a server silently disappears).
import { findNodeAtOffset } from 'jsonc-parser';
import type * as jsonc from 'jsonc-parser';
import { CLIENT_FORMATS, ClientKind } from '../clientFormats';
import { CURRENT_SERVER_JSON_VERSION, serverJsonSchemaUrl } from '../serverJsonSchemas';
import { CheckContext, SyntaxFinding } from '../manifestDocument';

export function isStrictJson(ctx: CheckContext): boolean {
  const k = ctx.doc.kind;
  if (k === 'server-json' || k === 'mcpb') return true;
  return CLIENT_FORMATS[k as ClientKind]?.strictJson ?? false;
}

/** What an empty file of each kind can start from. */
function skeleton(ctx: CheckContext): string | undefined {
  const k = ctx.doc.kind;
  if (k === 'server-json') return JSON.stringify({ $schema: serverJsonSchemaUrl(CURRENT_SERVER_JSON_VERSION), name: 'io.github.<owner>/<name>', description: '', version: '0.1.0' }, null, 2) + '\n';
  if (k === 'mcpb') return undefined;
  return JSON.stringify({ [CLIENT_FORMATS[k as ClientKind].rootKey]: {} }, null, 2) + '\n';
}

export function syntaxChecks(ctx: CheckContext): void {
  if (ctx.doc.text.trim() === '') {
    const start = skeleton(ctx);
    const range = ctx.rangeOf(0, ctx.doc.text.length);
    ctx.diagnostics.push({
      code: 'syntax-error',
      severity: 'error',
      message: 'The file is empty; a JSON object is expected.',
      path: '',
      range,
      fixes: start ? [{ title: 'Start from an empty configuration', preferred: true, edits: [{ range, newText: start }] }] : undefined,
      source: 'syntax',
    });
    return;
  }
  for (const e of ctx.doc.parseErrors) {
    const pos = ctx.doc.lines.positionAt(e.offset);
    ctx.diagnostics.push({
      code: 'syntax-error',
      severity: 'error',
      message: `Line ${pos.line + 1}, column ${pos.character + 1}: ${e.message.replace(/\.$/, '')}.`,
      path: '',
      range: ctx.rangeOf(e.offset, Math.max(e.length, 1)),
      source: 'syntax',
    });
  }
  if (isStrictJson(ctx)) strictJsonChecks(ctx);
  duplicateKeys(ctx, ctx.doc.root);
}

function strictJsonChecks(ctx: CheckContext): void {
  const client = ctx.doc.kind;
  const label = client === 'server-json' ? 'server.json' : client === 'mcpb' ? 'An MCPB manifest' : CLIENT_FORMATS[client as ClientKind].docs;
  const add = (f: SyntaxFinding, what: string, fixTitle: string): void => {
    const range = ctx.rangeOf(f.offset, f.length);
    ctx.diagnostics.push({
      code: 'strict-json',
      severity: 'error',
      message: `${label} is read as strict JSON: ${what} are not allowed.`,
      path: '',
      range,
      fixes: [{ title: fixTitle, preferred: true, edits: [{ range, newText: '' }] }],
      source: 'syntax',
    });
  };
  for (const c of ctx.doc.comments) add(c, 'comments', 'Remove the comment');
  for (const t of ctx.doc.trailingCommas) add({ ...t, length: 1 }, 'trailing commas', 'Remove the trailing comma');
}

/** Duplicate keys, from the parser's own findings: only the objects that have one are looked at. */
function duplicateKeys(ctx: CheckContext, root: jsonc.Node | undefined): void {
  if (!root || ctx.doc.duplicateKeyOffsets.length === 0) return;
  // The servers table of a client config: a duplicate there is a server the client never loads.
  const rootKey = CLIENT_FORMATS[ctx.doc.kind as ClientKind]?.rootKey;
  const serversNode = rootKey ? ctx.node([rootKey]) : undefined;
  for (const offset of ctx.doc.duplicateKeyOffsets) {
    const key = findNodeAtOffset(root, offset, true);
    const prop = key?.parent;
    const object = prop?.parent;
    if (!key || prop?.type !== 'property' || prop.children?.[0] !== key || !object) continue;
    const name = key.value;
    const siblings = object.children ?? [];
    // The parser flags the first occurrence too; report only the later ones, which are the ones that win.
    if (!siblings.slice(0, siblings.indexOf(prop)).some((p) => p.children?.[0]?.value === name)) continue;
    const serverTable = object === serversNode;
    const remove = removePropertyRange(ctx, prop);
    ctx.diagnostics.push({
      code: 'duplicate-key',
      severity: serverTable ? 'error' : 'warning',
      message: serverTable
        ? `Server "${name}" is defined more than once; the client keeps only the last one and never loads the earlier.`
        : `"${name}" appears more than once in this object; JSON readers keep only the last one.`,
      path: '',
      range: ctx.rangeOfNode(key),
      fixes: remove ? [{ title: `Remove this "${name}"`, edits: [remove] }] : undefined,
      source: 'syntax',
    });
  }
}

/** The text of a property including its separating comma, so removing it leaves valid JSON. */
function removePropertyRange(ctx: CheckContext, prop: jsonc.Node): { range: ReturnType<CheckContext['rangeOf']>; newText: string } | undefined {
  const siblings = prop.parent?.children ?? [];
  const i = siblings.indexOf(prop);
  if (i < 0) return undefined;
  const start = i > 0 ? siblings[i - 1].offset + siblings[i - 1].length : prop.offset;
  const end = i > 0 ? prop.offset + prop.length : siblings[i + 1]?.offset ?? prop.offset + prop.length;
  return { range: ctx.rangeOf(start, end - start), newText: '' };
}
