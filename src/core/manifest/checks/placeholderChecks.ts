// Template placeholders left in a file (YOUR_API_KEY, <your path here>, {{VERSION}}, /path/to/...).
// They are valid JSON and often schema-valid, but the server will not start with them.
import type * as jsonc from 'jsonc-parser';
import { toPointer } from '../manifestDiagnostic';
import { CheckContext, isContainer } from '../manifestDocument';
import * as jsoncApi from 'jsonc-parser';

const PLACEHOLDERS: RegExp[] = [
  /\{\{\s*[\w.-]+\s*\}\}/, // {{VERSION}}
  /<[^<>]*\b(your|path|here|insert|replace|token|api[_ -]?key)\b[^<>]*>/i, // <your token here>
  /\bYOUR[_-][A-Z0-9_-]+\b/i, // YOUR_API_KEY
  /(^|[\s"'=])\/(full\/)?path\/to\//i, // /path/to/server
  /\bC:\\path\\to\\/i,
  /\b(xxx+|changeme|replace[_-]?me)\b/i,
];

export function placeholderChecks(ctx: CheckContext, extra: RegExp[] = []): void {
  const root = ctx.doc.root;
  if (!root) return;
  const patterns = [...PLACEHOLDERS, ...extra];
  // One pass with the union first: nearly every string matches none of them.
  const quick = new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'), 'i');
  const stack: jsonc.Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (isContainer(n)) {
      for (const c of n.children ?? []) {
        // Only values: a key that looks like a placeholder is another check's business, and prose
        // (descriptions) may well mention <token> or /path/to/ on purpose.
        if (n.type === 'property' && (c === n.children![0] || /description$/i.test(String(n.children![0]?.value)))) continue;
        stack.push(c);
      }
      continue;
    }
    if (n.type !== 'string' || typeof n.value !== 'string') continue;
    if (!quick.test(n.value)) continue;
    const hit = patterns.find((p) => p.test(n.value));
    if (!hit) continue;
    const match = hit.exec(n.value)![0].trim().replace(/^[:="']+/, '');
    ctx.diagnostics.push({
      code: 'placeholder-value',
      severity: 'warning',
      message: `"${match}" looks like a template placeholder that was never filled in.`,
      path: toPointer(jsoncApi.getNodePath(n)),
      range: ctx.rangeOfNode(n),
      source: 'check',
    });
  }
}
