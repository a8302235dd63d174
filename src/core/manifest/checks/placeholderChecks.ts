// Template placeholders left in a file (YOUR_API_KEY, <your path here>, {{VERSION}}, /path/to/...).
// They are valid JSON and often schema-valid, but the server will not start with them.
import * as jsonc from 'jsonc-parser';
import { toPointer } from '../manifestDiagnostic';
import type { CheckContext } from '../manifestDocument';

const PLACEHOLDERS: RegExp[] = [
  /\{\{\s*[\w.-]+\s*\}\}/, // {{VERSION}}
  /<[^<>]*\b(your|path|here|insert|replace|token|api[_ -]?key)\b[^<>]*>/i, // <your token here>
  /(?<![A-Za-z])YOUR[_-][A-Z0-9_-]+\b/i, // YOUR_API_KEY, ADD_YOUR_KEY_HERE
  /(^|[\s"'=])\/(full\/)?path\/to\//i, // /path/to/server
  /\bC:\\{1,2}path\\{1,2}to\\{1,2}/i, // C:\path\to\ (doubled when read from the raw JSON text)
  /\b(xxx+|changeme|replace[_-]?me)\b/i,
];

/**
 * Every placeholder pattern (and every caller's extra, which are ${...} templates) contains one of these. Most
 * files contain none, and this plain alternation is far cheaper than the union of the patterns.
 */
const TRIGGERS = /\{\{|<|\$\{|you|path|xxx|chang|replac/i;

const unions = new WeakMap<RegExp[], { patterns: RegExp[]; union: RegExp }>();
const NO_EXTRA: RegExp[] = [];

/** The patterns plus the callers' extras, and their union for one scan; built once per list of extras. */
function compiled(extra: RegExp[]): { patterns: RegExp[]; union: RegExp } {
  let c = unions.get(extra);
  if (!c) {
    const patterns = [...PLACEHOLDERS, ...extra];
    const union = new RegExp(patterns.map((p) => `(?:${p.source.replace(/^\^/, '').replace(/\$$/, '')})`).join('|'), 'gi');
    unions.set(extra, (c = { patterns, union }));
  }
  c.union.lastIndex = 0;
  return c;
}

/** `extra` should be a constant list: the compiled union is cached per list. */
export function placeholderChecks(ctx: CheckContext, extra: RegExp[] = NO_EXTRA): void {
  const { text, root } = ctx.doc;
  if (!root || !TRIGGERS.test(text)) return;
  // One scan of the raw text with the union (native regex speed); only hits are mapped to nodes.
  const { patterns, union } = compiled(extra);
  const reported = new Set<jsonc.Node>();
  for (const m of text.matchAll(union)) {
    const node = jsonc.findNodeAtOffset(root, m.index!, false);
    if (!node || node.type !== 'string' || typeof node.value !== 'string' || reported.has(node)) continue;
    const prop = node.parent;
    // Keys are another check's business; prose (descriptions) may mention <token> or /path/to/ on purpose.
    if (prop?.type === 'property' && (prop.children?.[0] === node || /description$/i.test(String(prop.children?.[0]?.value)))) continue;
    const value = node.value;
    const hit = patterns.find((p) => p.test(value));
    if (!hit) continue;
    reported.add(node);
    const match = hit.exec(value)![0].trim().replace(/^[:="']+/, '');
    ctx.diagnostics.push({
      code: 'placeholder-value',
      severity: 'warning',
      message: `"${match}" looks like a template placeholder that was never filled in.`,
      path: toPointer(jsonc.getNodePath(node)),
      range: ctx.rangeOfNode(node),
      source: 'check',
    });
  }
}
