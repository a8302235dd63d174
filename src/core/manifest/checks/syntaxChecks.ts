// Syntax: parse errors with their exact position, comments and trailing commas where the client reads strict
// JSON, and duplicate keys (JSON.parse keeps the last one, so a server silently disappears).
import type * as jsonc from 'jsonc-parser';
import { CLIENT_FORMATS, ClientKind } from '../clientFormats';
import { CheckContext, SyntaxFinding, isContainer } from '../manifestDocument';

export function isStrictJson(ctx: CheckContext): boolean {
  const k = ctx.doc.kind;
  if (k === 'server-json' || k === 'mcpb') return true;
  return CLIENT_FORMATS[k as ClientKind]?.strictJson ?? false;
}

export function syntaxChecks(ctx: CheckContext): void {
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

function duplicateKeys(ctx: CheckContext, root: jsonc.Node | undefined): void {
  if (!root) return;
  const stack: jsonc.Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isContainer(n) || !n.children) continue;
    if (n.type === 'object') {
      const seen = new Set<string>();
      for (const prop of n.children) {
        const key = prop.children?.[0];
        if (!key) continue;
        const name = String(key.value);
        if (seen.has(name)) {
          const remove = removePropertyRange(ctx, prop);
          ctx.diagnostics.push({
            code: 'duplicate-key',
            severity: 'error',
            message: `"${name}" appears more than once in this object; JSON readers keep only the last one.`,
            path: '',
            range: ctx.rangeOfNode(key),
            fixes: remove ? [{ title: `Remove this "${name}"`, edits: [remove] }] : undefined,
            source: 'syntax',
          });
        }
        seen.add(name);
      }
    }
    for (const c of n.children) if (isContainer(c)) stack.push(c);
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
