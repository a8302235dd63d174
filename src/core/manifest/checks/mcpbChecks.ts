// MCPB bundle manifest.json: ${user_config.x} references, the icon, and the entry point.
import type { JsonPath } from '../manifestDiagnostic';
import { CheckContext, Json, didYouMean, isObject } from '../manifestDocument';
import { MCPB_VERSIONS, mcpbSchema } from '../schemaCatalog';

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

const MCPB_SYNONYMS: Record<string, string> = { tags: 'keywords', categories: 'keywords', website: 'homepage', url: 'homepage', privacy_policy: 'privacy_policies', mcpConfig: 'mcp_config', entrypoint: 'entry_point', entryPoint: 'entry_point' };

/**
 * MCPB schemas allow no unknown keys. The schema says "Property x is not allowed"; this says which key was
 * probably meant and offers the rename.
 */
function strictKeys(ctx: CheckContext, schema: unknown, v: unknown, at: JsonPath, version: string): void {
  if (!isObject(schema)) return;
  if (Array.isArray(v) && isObject(schema.items)) {
    v.forEach((item, i) => strictKeys(ctx, schema.items, item, [...at, i], version));
    return;
  }
  if (!isObject(v)) return;
  const props = isObject(schema.properties) ? schema.properties : {};
  const known = Object.keys(props);
  for (const key of Object.keys(v)) {
    if (key in props) {
      strictKeys(ctx, props[key], v[key], [...at, key], version);
      continue;
    }
    if (isObject(schema.additionalProperties)) {
      strictKeys(ctx, schema.additionalProperties, v[key], [...at, key], version);
      continue;
    }
    if (schema.additionalProperties !== false) continue;
    const synonym = MCPB_SYNONYMS[key];
    const meant = synonym && known.includes(synonym) ? synonym : didYouMean(key, known);
    const p = [...at, key];
    const fix = meant && !(meant in v) ? ctx.renameKeyFix(`Rename to "${meant}"`, p, meant) : undefined;
    const where = at.length ? `"${at.join('.')}"` : 'an MCPB manifest';
    const since = at.length || meant ? undefined : MCPB_VERSIONS.find((ver) => ver > version && isObject(mcpbSchema(ver)?.properties) && key in (mcpbSchema(ver)!.properties as object));
    const hint = meant ? `; did you mean "${meant}"?` : since ? `; it exists from manifest_version ${since} on.` : '.';
    ctx.report('unknown-key', p, `"${key}" is not allowed in ${where} (manifest_version ${version})${hint}`, {
      on: 'key',
      severity: 'error',
      fixes: fix ? [fix] : [],
      replacesSchema: true,
    });
  }
}

export function mcpbChecks(ctx: CheckContext): void {
  const doc = ctx.value;
  if (!isObject(doc)) return;
  dxtVersion(ctx, doc);
  strictKeys(ctx, ctx.doc.schema.schema, doc, [], ctx.doc.schema.id.split('@')[1] ?? '?');
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

/** DXT-era manifests name the version "dxt_version"; MCPB still reads it. */
function dxtVersion(ctx: CheckContext, doc: Json): void {
  if (doc.dxt_version === undefined) return;
  const fix = doc.manifest_version === undefined ? ctx.renameKeyFix('Rename to "manifest_version"', ['dxt_version'], 'manifest_version') : ctx.setFix('Remove "dxt_version"', ['dxt_version'], undefined);
  const message = doc.manifest_version === undefined
    ? '"dxt_version" is the DXT-era name of "manifest_version"; MCPB reads it, and newer tools write "manifest_version".'
    : '"dxt_version" repeats "manifest_version", which MCPB reads first.';
  ctx.report('mcpb-dxt-version', ['dxt_version'], message, { on: 'key', fixes: fix ? [fix] : [] });
}

function iconCheck(ctx: CheckContext, doc: Json): void {
  const check = (src: unknown, at: JsonPath, requirePng: boolean): void => {
    if (typeof src !== 'string') return;
    const problem = bundlePathProblem(src);
    if (problem) ctx.report('mcpb-icon', at, `Icon "${src}" ${problem}; it must be a file inside the bundle.`);
    else if (requirePng && !/\.png$/i.test(src)) ctx.report('mcpb-icon', at, `Icon "${src}" is not a PNG; the MCPB documentation asks for a PNG icon.`);
  };
  check(doc.icon, ['icon'], true);
  if (Array.isArray(doc.icons)) doc.icons.forEach((ic, i) => isObject(ic) && check(ic.src, ['icons', i, 'src'], false));
}
