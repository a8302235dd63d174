// Tool-poisoning checks on the text a model reads: hidden instructions, invisible characters, directions
// to read files or secrets, and directions to call other tools. Each rule is a pattern with a reason.
import type { LintCode, LintFinding, LintSeverity } from './lintTypes';

/** Zero-width characters, bidirectional controls, Unicode tag characters and other invisible code points. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}]/u;

interface Rule {
  code: LintCode;
  severity: LintSeverity;
  pattern: RegExp;
  why: string;
}

const RULES: Rule[] = [
  { code: 'hidden-instructions', severity: 'error', pattern: /<\s*(important|system|secret|instructions?|hidden)\s*>/i, why: 'contains a tag that frames hidden instructions for the model' },
  { code: 'hidden-instructions', severity: 'error', pattern: /\b(ignore|disregard|forget)\s+(all\s+|any\s+)?(the\s+)?(previous|prior|above|earlier|other)\s+(instructions|rules|directions|prompts?)/i, why: 'tells the model to ignore its instructions' },
  { code: 'hidden-instructions', severity: 'error', pattern: /\b(do\s+not|don'?t|never)\s+(tell|mention|inform|reveal|show|notify)\s+(this\s+to\s+)?(the\s+)?user/i, why: 'tells the model to hide something from the user' },
  { code: 'hidden-instructions', severity: 'warning', pattern: /<!--[\s\S]*?-->/, why: 'contains an HTML comment, which users rarely see but models read' },
  { code: 'hidden-instructions', severity: 'warning', pattern: /\b(before|after)\s+(using|calling|running)\s+this\s+tool,?\s+(you\s+)?(must|should|need\s+to|always)/i, why: 'tells the model to do something else around this tool' },
  { code: 'reads-secrets', severity: 'error', pattern: /(~\/\.ssh|\bid_(rsa|ed25519|ecdsa)\b|\.aws\/credentials|\/etc\/(passwd|shadow)|\.npmrc|\.netrc|\.git-credentials|claude_desktop_config\.json|\bmcp\.json\b|\.env\b)/i, why: 'names a file that holds credentials or client configuration' },
  { code: 'reads-secrets', severity: 'warning', pattern: /\b(read|cat|open|include|send|pass|upload|attach|provide)\b[^.\n]{0,60}\b(secrets?|credentials?|passwords?|api[\s_-]?keys?|private\s+keys?|access\s+tokens?|ssh\s+keys?)\b/i, why: 'asks for secrets or credentials' },
  { code: 'directs-other-tools', severity: 'warning', pattern: /\b(instead\s+of|rather\s+than)\s+(using|calling)\s+(the\s+)?[\w.-]+\s+tool/i, why: 'steers the model away from another tool' },
  { code: 'directs-other-tools', severity: 'warning', pattern: /\b(always|first|must)\s+(call|use|invoke|run)\s+(the\s+)?[`'"]?[\w.-]+[`'"]?\s+tool/i, why: 'tells the model to call another tool' },
];

export function excerptAround(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 30);
  const end = Math.min(text.length, index + length + 30);
  return `${start > 0 ? '…' : ''}${visible(text.slice(start, end))}${end < text.length ? '…' : ''}`;
}

/** Makes invisible characters visible as <U+XXXX>. */
export function visible(s: string): string {
  return s.replace(new RegExp(INVISIBLE.source, 'gu'), (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** Every string a model reads in a tool definition: its description, title and those inside its schemas. */
export function modelVisibleStrings(value: unknown, path = ''): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (v: unknown, p: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${p}/${i}`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'description' || k === 'title') && typeof x === 'string') out.push({ path: `${p}/${k}`, text: x });
        else if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples') {
          for (const s of [x].flat()) if (typeof s === 'string') out.push({ path: `${p}/${k}`, text: s });
        } else walk(x, `${p}/${escapePointer(k)}`);
      }
    }
  };
  walk(value, path);
  return out;
}

function escapePointer(k: string): string {
  return k.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Findings for one tool; `otherTools` lets the check notice directions to call a sibling by name. */
export function suspiciousTextFindings(tool: { name: string; description?: string; title?: string; inputSchema?: unknown; outputSchema?: unknown }, otherTools: string[]): LintFinding[] {
  const findings: LintFinding[] = [];
  const strings = modelVisibleStrings({ description: tool.description, title: tool.title, inputSchema: tool.inputSchema, outputSchema: tool.outputSchema });
  for (const { path, text } of strings) {
    const inv = INVISIBLE.exec(text);
    if (inv) {
      findings.push({ code: 'invisible-unicode', severity: 'error', tool: tool.name, path, message: `The text at ${path} contains invisible characters (${codePoints(text)}), which can hide instructions from reviewers.`, excerpt: excerptAround(text, inv.index, 1) });
    }
    const seen = new Set<string>();
    for (const rule of RULES) {
      const m = rule.pattern.exec(text);
      if (!m || seen.has(rule.code + rule.why)) continue;
      seen.add(rule.code + rule.why);
      findings.push({ code: rule.code, severity: rule.severity, tool: tool.name, path, message: `The text at ${path} ${rule.why}.`, excerpt: excerptAround(text, m.index, m[0].length) });
    }
    for (const other of otherTools) {
      if (other === tool.name || other.length < 3) continue;
      const re = new RegExp(`\\b(call|use|invoke|run|execute)\\s+(the\\s+)?[\`'"]?${escapeRegExp(other)}[\`'"]?`, 'i');
      const m = re.exec(text);
      if (m && !findings.some((f) => f.code === 'directs-other-tools' && f.path === path)) {
        findings.push({ code: 'directs-other-tools', severity: 'warning', tool: tool.name, path, message: `The text at ${path} tells the model to call another tool, "${other}".`, excerpt: excerptAround(text, m.index, m[0].length) });
      }
    }
  }
  return findings;
}

function codePoints(text: string): string {
  const set = new Set<string>();
  for (const c of text) if (INVISIBLE.test(c)) set.add(`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return [...set].slice(0, 5).join(', ');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
