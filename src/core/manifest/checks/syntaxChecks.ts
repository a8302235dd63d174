// Syntax: parse errors with their exact position, comments and trailing commas where the client reads strict
// JSON, and duplicate keys (JSON.parse keeps the last one, so a server silently disappears).
import * as jsonc from 'jsonc-parser';
import { CLIENT_FORMATS, ClientKind } from '../clientFormats';
import type { CheckContext } from '../manifestDocument';

const PARSE_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  PropertyNameExpected: 'a property name in double quotes is expected here',
  ValueExpected: 'a value is expected here',
  ColonExpected: 'a colon is expected after the property name',
  CommaExpected: 'a comma is expected between items',
  CloseBraceExpected: 'the object is not closed: "}" expected',
  CloseBracketExpected: 'the array is not closed: "]" expected',
  EndOfFileExpected: 'unexpected content after the end of the JSON value',
  UnexpectedEndOfString: 'the string is not closed',
  UnexpectedEndOfComment: 'the comment is not closed',
};

export function isStrictJson(ctx: CheckContext): boolean {
  const k = ctx.doc.kind;
  if (k === 'server-json' || k === 'mcpb') return true;
  return CLIENT_FORMATS[k as ClientKind]?.strictJson ?? false;
}

export function syntaxChecks(ctx: CheckContext): void {
  const { text } = ctx.doc;
  for (const e of ctx.doc.parseErrors) {
    const name = jsonc.printParseErrorCode(e.error);
    const what = PARSE_MESSAGES[name] ?? name;
    const pos = ctx.doc.lines.positionAt(e.offset);
    ctx.diagnostics.push({
      code: 'syntax-error',
      severity: 'error',
      message: `Line ${pos.line + 1}, column ${pos.character + 1}: ${what}.`,
      path: '',
      range: ctx.rangeOf(e.offset, Math.max(e.length, 1)),
      source: 'syntax',
    });
  }
  if (isStrictJson(ctx)) strictJsonChecks(ctx, text);
  duplicateKeys(ctx, ctx.doc.root);
}

function strictJsonChecks(ctx: CheckContext, text: string): void {
  const client = ctx.doc.kind;
  const label = client === 'server-json' ? 'server.json' : client === 'mcpb' ? 'An MCPB manifest' : CLIENT_FORMATS[client as ClientKind].docs;
  let lastComma = -1;
  jsonc.visit(
    text,
    {
      onComment: (offset, length) => {
        ctx.diagnostics.push({
          code: 'strict-json',
          severity: 'error',
          message: `${label} is read as strict JSON: comments are not allowed.`,
          path: '',
          range: ctx.rangeOf(offset, length),
          fixes: [{ title: 'Remove the comment', preferred: true, edits: [{ range: ctx.rangeOf(offset, length), newText: '' }] }],
          source: 'syntax',
        });
      },
      onSeparator: (ch, offset) => {
        if (ch === ',') lastComma = offset;
      },
      onObjectEnd: () => trailing(),
      onArrayEnd: () => trailing(),
      onObjectProperty: () => {
        lastComma = -1;
      },
      onLiteralValue: () => {
        lastComma = -1;
      },
      onObjectBegin: () => {
        lastComma = -1;
      },
      onArrayBegin: () => {
        lastComma = -1;
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  function trailing(): void {
    if (lastComma < 0) return;
    const comma = lastComma;
    lastComma = -1;
    ctx.diagnostics.push({
      code: 'strict-json',
      severity: 'error',
      message: `${label} is read as strict JSON: trailing commas are not allowed.`,
      path: '',
      range: ctx.rangeOf(comma, 1),
      fixes: [{ title: 'Remove the trailing comma', preferred: true, edits: [{ range: ctx.rangeOf(comma, 1), newText: '' }] }],
      source: 'syntax',
    });
  }
}

function duplicateKeys(ctx: CheckContext, root: jsonc.Node | undefined): void {
  if (!root) return;
  const stack: jsonc.Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (!n.children) continue;
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
    for (const c of n.children) if (c.children) stack.push(c);
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
