// MCPB bundle manifest.json: ${user_config.x} references, the icon, and the entry point.
import type { JsonPath } from '../manifestDiagnostic';
import { CheckContext, Json, didYouMean, isObject } from '../manifestDocument';

function* strings(v: unknown, at: JsonPath): Generator<[string, JsonPath]> {
  if (typeof v === 'string') yield [v, at];
  else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* strings(v[i], [...at, i]);
  else if (isObject(v)) for (const k of Object.keys(v)) yield* strings(v[k], [...at, k]);
}

function bundlePathProblem(p: string): string | undefined {
  if (/^[a-z]+:\/\//i.test(p)) return 'is a URL';
  if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)) return 'is an absolute path';
  if (p.split(/[\\/]/).includes('..')) return 'leaves the bundle ("..")';
  return undefined;
}

export function mcpbChecks(ctx: CheckContext): void {
  const doc = ctx.value;
  if (!isObject(doc)) return;
  const userConfig = isObject(doc.user_config) ? Object.keys(doc.user_config) : [];
  const used = new Set<string>();
  const server = isObject(doc.server) ? doc.server : undefined;
  if (server) {
    for (const [s, p] of strings(server, ['server'])) {
      for (const m of s.matchAll(/\$\{user_config\.([^}]*)\}/g)) {
        used.add(m[1]);
        if (userConfig.includes(m[1])) continue;
        const meant = didYouMean(m[1], userConfig);
        ctx.report('mcpb-user-config', p, `\${user_config.${m[1]}} refers to no entry in "user_config"${meant ? `; did you mean "${meant}"?` : '.'}`, {
          fixes: meant ? [ctx.setFix(`Use \${user_config.${meant}}`, p, s.replace(m[0], `\${user_config.${meant}}`), true)] : [],
        });
      }
    }
    const entry = server.entry_point;
    if (typeof entry === 'string') {
      const problem = bundlePathProblem(entry);
      if (problem) ctx.report('mcpb-entry-point', ['server', 'entry_point'], `server.entry_point "${entry}" ${problem}; it must be a path inside the bundle.`);
    }
  }
  for (const key of userConfig) {
    if (!used.has(key)) ctx.report('mcpb-user-config-unused', ['user_config', key], `user_config "${key}" is never used as \${user_config.${key}} in server.mcp_config.`, { on: 'key' });
  }
  iconCheck(ctx, doc);
}

function iconCheck(ctx: CheckContext, doc: Json): void {
  const check = (src: unknown, at: JsonPath, requirePng: boolean): void => {
    if (typeof src !== 'string') return;
    const problem = bundlePathProblem(src);
    if (problem) ctx.report('mcpb-icon', at, `Icon "${src}" ${problem}; it must be a file inside the bundle.`);
    else if (requirePng && !/\.png$/i.test(src)) ctx.report('mcpb-icon', at, `Icon "${src}" must be a PNG file.`);
  };
  check(doc.icon, ['icon'], true);
  if (Array.isArray(doc.icons)) doc.icons.forEach((ic, i) => isObject(ic) && check(ic.src, ['icons', i, 'src'], false));
}
