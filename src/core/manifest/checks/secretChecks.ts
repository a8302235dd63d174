// Literal secrets in env or headers of a client config: they end up in version control and screenshots.
// VS Code can prompt for them (a password input); other clients can read them from the environment.
import type { ClientFormat } from '../clientFormats';
import type { JsonPath } from '../manifestDiagnostic';
import { CheckContext, Json, isObject } from '../manifestDocument';

const TOKEN_PATTERNS: RegExp[] = [
  /^sk-[A-Za-z0-9_-]{20,}$/, // OpenAI / Anthropic style
  /^sk-ant-[A-Za-z0-9_-]{20,}$/,
  /^gh[pousr]_[A-Za-z0-9]{30,}$/, // GitHub tokens
  /^github_pat_[A-Za-z0-9_]{30,}$/,
  /^xox[abprs]-[A-Za-z0-9-]{10,}$/, // Slack
  /^AKIA[0-9A-Z]{16}$/, // AWS access key id
  /^AIza[0-9A-Za-z_-]{35}$/, // Google API key
  /^glpat-[A-Za-z0-9_-]{20,}$/, // GitLab
  /^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/, // JWT
];
const SECRET_NAME = /(api[_-]?key|token|secret|password|passwd|credential|private[_-]?key|auth)/i;
const PLACEHOLDER = /(your|example|changeme|placeholder|xxx|<|>|\{\{|\.\.\.|here)/i;

/** Whether a literal value is a secret worth flagging; references and placeholders are not. */
export function looksLikeSecret(key: string, value: string): boolean {
  const v = value.trim();
  if (v.length < 12 || /\$\{|\$[A-Za-z_]|%[A-Za-z_]+%/.test(v) || PLACEHOLDER.test(v)) return false;
  const bare = v.replace(/^(Bearer|Basic|Token)\s+/i, '');
  if (TOKEN_PATTERNS.some((p) => p.test(bare))) return true;
  if (/^(Bearer|Basic)\s+\S{8,}$/i.test(v)) return true;
  // A long random-looking value under a secret-sounding name.
  return SECRET_NAME.test(key) && bare.length >= 16 && /[A-Za-z]/.test(bare) && /\d/.test(bare) && !/[\s/\\]/.test(bare) && !/^https?:/.test(bare);
}

function inputId(server: string, key: string): string {
  return `${server}-${key}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function secretChecks(ctx: CheckContext, f: ClientFormat, server: string, entry: Json, at: JsonPath): void {
  for (const field of ['env', 'headers'] as const) {
    const map = entry[field];
    if (!isObject(map)) continue;
    for (const [key, raw] of Object.entries(map)) {
      if (typeof raw !== 'string' || !looksLikeSecret(key, raw)) continue;
      const p = [...at, field, key];
      const scheme = /^(Bearer|Basic|Token)\s+/i.exec(raw)?.[0] ?? '';
      const fixes = [];
      if (f.kind === 'vscode-mcp') {
        const id = inputId(server, key);
        const doc = ctx.value as Json;
        const input = { type: 'promptString', id, description: `${key} for ${server}`, password: true };
        const ops = [
          { path: p, value: `${scheme}\${input:${id}}` },
          Array.isArray(doc.inputs) ? { path: ['inputs', -1], value: input, arrayInsert: true } : { path: ['inputs'], value: [input] },
        ];
        fixes.push(ctx.multiFix(`Prompt for it with a password input "${id}"`, ops, true));
      } else if (f.envRef && field === 'env') {
        fixes.push(ctx.setFix(`Read it from the environment variable ${key}`, p, f.envRef(key), true));
      }
      ctx.report('client-secret-literal', p, `The ${field === 'env' ? 'environment variable' : 'header'} "${key}" holds a literal secret; anyone who can read this file can use it.${f.kind === 'vscode-mcp' ? ' Use a password input (${input:...}) instead.' : ''}`, { fixes });
    }
  }
}
