// Rules the MCP registry applies to server.json beyond its JSON Schema (name and version rules, remote URLs,
// {variables}, registry types and base URLs, arguments, transports, _meta size, repository and icons).
import { JsonPath } from '../manifestDiagnostic';
import { CheckContext, Json, didYouMean, isObject } from '../manifestDocument';
import { CURRENT_SERVER_JSON_VERSION } from '../serverJsonSchemas';

const NAME_PATTERN = /^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/;
const ALLOWED_REGISTRY_TYPES = ['npm', 'pypi', 'oci', 'nuget', 'mcpb'];
/** The base URL each registry type must use (when given at all). */
const BASE_URLS: Record<string, string[]> = {
  npm: ['https://registry.npmjs.org'],
  pypi: ['https://pypi.org'],
  nuget: ['https://api.nuget.org/v3/index.json', 'https://api.nuget.org'],
  mcpb: ['https://github.com', 'https://gitlab.com'],
};
const REPO_URL: Record<string, RegExp> = {
  github: /^https?:\/\/(www\.)?github\.com\/[\w.-]+\/[\w.-]+\/?$/,
  gitlab: /^https?:\/\/(www\.)?gitlab\.com\/[\w.-]+\/[\w./-]+\/?$/,
};
const META_LIMIT = 4096;
const LEGACY_KEYS: Record<string, string | undefined> = {
  registry_type: 'registryType',
  registry_base_url: 'registryBaseUrl',
  runtime_hint: 'runtimeHint',
  runtime_arguments: 'runtimeArguments',
  package_arguments: 'packageArguments',
  environment_variables: 'environmentVariables',
  file_sha256: 'fileSha256',
  is_required: 'isRequired',
  is_secret: 'isSecret',
  is_repeated: 'isRepeated',
  value_hint: 'valueHint',
  website_url: 'websiteUrl',
  registry_name: 'registryType',
  version_detail: undefined,
};
const LEGACY_KEY_IN_TEXT = new RegExp(`"(${Object.keys(LEGACY_KEYS).join('|')})"`);
const TOP_KEYS = ['$schema', 'name', 'description', 'title', 'version', 'websiteUrl', 'repository', 'icons', 'packages', 'remotes', '_meta', 'status'];
const PACKAGE_KEYS = ['registryType', 'registryBaseUrl', 'identifier', 'version', 'fileSha256', 'runtimeHint', 'transport', 'runtimeArguments', 'packageArguments', 'environmentVariables'];
const INPUT_KEYS = ['name', 'description', 'isRequired', 'format', 'value', 'isSecret', 'default', 'placeholder', 'choices', 'variables', 'type', 'valueHint', 'isRepeated'];

/** A version range or wildcard, which the registry rejects in favour of one exact version. */
export function looksLikeVersionRange(v: string): boolean {
  const s = v.trim();
  return /^[\^~<>=]/.test(s) || /\s-\s/.test(s) || s.includes('||') || /(^|\.)[xX*](\.|$)/.test(s) || s === '*';
}

function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '0.0.0.0' || h === '::1' || /^127\./.test(h);
}

/** {name} placeholders that are not part of ${...}. */
function templateVariables(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/(^|[^$])\{([A-Za-z_][A-Za-z0-9_-]*)\}/g)) out.push(m[2]);
  return out;
}

export function registryChecks(ctx: CheckContext): void {
  const doc = ctx.value;
  if (!isObject(doc)) return;
  const schemaVersion = ctx.doc.schema.id.split('@')[1] ?? CURRENT_SERVER_JSON_VERSION;
  const camel = schemaVersion !== '2025-07-09';
  nameCheck(ctx, doc);
  versionCheck(ctx, ['version'], doc.version, 'The server version');
  lengthCheck(ctx, doc, 'description', 'registry-description-length');
  lengthCheck(ctx, doc, 'title', 'registry-title-length');
  repositoryCheck(ctx, doc);
  iconsCheck(ctx, doc);
  metaCheck(ctx, doc);
  // Walk only when the text names one of the old keys at all.
  if (camel && LEGACY_KEY_IN_TEXT.test(ctx.doc.text)) legacyKeys(ctx, doc, []);
  if (schemaVersion >= '2025-10-11' || schemaVersion === 'draft') unknownKeys(ctx, doc, [], TOP_KEYS, 'a server.json key');

  const packages = Array.isArray(doc.packages) ? doc.packages : [];
  packages.forEach((pkg, i) => {
    if (isObject(pkg)) packageCheck(ctx, pkg, ['packages', i], doc, schemaVersion);
  });
  const remotes = Array.isArray(doc.remotes) ? doc.remotes : [];
  remotes.forEach((r, i) => {
    if (isObject(r)) remoteCheck(ctx, r, ['remotes', i]);
  });
}

function nameCheck(ctx: CheckContext, doc: Json): void {
  const name = doc.name;
  if (typeof name !== 'string' || NAME_PATTERN.test(name)) return;
  const slashes = name.split('/').length - 1;
  let message: string;
  const fixes = [];
  if (slashes === 0) {
    message = `"${name}" has no namespace: registry names look like "io.github.<owner>/<name>" or "com.example/<name>".`;
    const repo = isObject(doc.repository) && typeof doc.repository.url === 'string' ? /github\.com\/([\w.-]+)\//.exec(doc.repository.url) : null;
    const short = name.trim().replace(/[^a-zA-Z0-9._-]+/g, '-');
    if (repo && short) {
      const fix = ctx.setFix(`Use "io.github.${repo[1]}/${short}"`, ['name'], `io.github.${repo[1]}/${short}`, true);
      fixes.push(fix);
    }
  } else if (slashes > 1) {
    message = `"${name}" must contain exactly one "/" between namespace and name.`;
  } else {
    message = `"${name}" may only use letters, digits, ".", "-" (namespace) and "_" (name), with no spaces or other characters.`;
    const cleaned = name.split('/').map((part, i) => part.trim().replace(i === 0 ? /[^a-zA-Z0-9.-]+/g : /[^a-zA-Z0-9._-]+/g, '-')).join('/');
    if (NAME_PATTERN.test(cleaned)) fixes.push(ctx.setFix(`Use "${cleaned}"`, ['name'], cleaned, true));
  }
  ctx.report('registry-name-format', ['name'], message, { fixes, replacesSchema: true });
}

function versionCheck(ctx: CheckContext, at: JsonPath, v: unknown, what: string, serverVersion?: unknown): void {
  if (typeof v !== 'string') return;
  if (v.trim().toLowerCase() === 'latest') {
    const fixes = typeof serverVersion === 'string' && !looksLikeVersionRange(serverVersion) && serverVersion !== 'latest' ? [ctx.setFix(`Use the server version "${serverVersion}"`, at, serverVersion, true)] : [];
    ctx.report('registry-version-latest', at, `${what} is "latest", which the registry reserves; give one exact version.`, { fixes, replacesSchema: true });
  } else if (looksLikeVersionRange(v)) {
    const exact = v.trim().replace(/^[\^~<>=v\s]+/, '');
    const fixes = /^\d+\.\d+\.\d+([-+][\w.-]+)?$/.test(exact) ? [ctx.setFix(`Use "${exact}"`, at, exact, true)] : [];
    ctx.report('registry-version-range', at, `${what} "${v}" is a range; the registry needs one exact version such as "1.2.3".`, { fixes, replacesSchema: true });
  }
}

function lengthCheck(ctx: CheckContext, doc: Json, key: 'description' | 'title', code: 'registry-description-length' | 'registry-title-length'): void {
  const v = doc[key];
  if (typeof v !== 'string') return;
  // Code points, not UTF-16 units; only a long string needs counting.
  const n = v.length <= 100 ? v.length : [...v].length;
  if (n === 0) ctx.report(code, [key], `The ${key} is empty.`, { replacesSchema: true });
  else if (n > 100) ctx.report(code, [key], `The ${key} is ${n} characters long; the registry allows at most 100.`, { replacesSchema: true });
}

function repositoryCheck(ctx: CheckContext, doc: Json): void {
  const repo = doc.repository;
  if (!isObject(repo) || typeof repo.url !== 'string' || typeof repo.source !== 'string') return;
  const pattern = REPO_URL[repo.source.toLowerCase()];
  if (!pattern || pattern.test(repo.url)) return;
  const m = /^(https?:\/\/(?:www\.)?(?:github|gitlab)\.com\/[\w.-]+\/[\w.-]+?)(?:\.git)?(?:[/#?].*)?$/.exec(repo.url);
  const fixes = m && pattern.test(m[1]) && m[1] !== repo.url ? [ctx.setFix(`Use "${m[1]}"`, ['repository', 'url'], m[1], true)] : [];
  ctx.report('registry-repository-url', ['repository', 'url'], `repository.url "${repo.url}" is not a ${repo.source} repository URL of the form https://${repo.source.toLowerCase()}.com/<owner>/<repo>.`, { fixes });
}

function iconsCheck(ctx: CheckContext, doc: Json): void {
  if (!Array.isArray(doc.icons)) return;
  doc.icons.forEach((icon, i) => {
    if (!isObject(icon) || typeof icon.src !== 'string') return;
    if (!/^https:\/\//i.test(icon.src)) {
      const fixes = /^http:\/\//i.test(icon.src) ? [ctx.setFix('Use https', ['icons', i, 'src'], icon.src.replace(/^http:/i, 'https:'), true)] : [];
      ctx.report('registry-icon-https', ['icons', i, 'src'], `Icon "${icon.src}" must be an https URL.`, { fixes });
    }
  });
}

function metaCheck(ctx: CheckContext, doc: Json): void {
  const meta = isObject(doc._meta) ? doc._meta['io.modelcontextprotocol.registry/publisher-provided'] : undefined;
  if (meta === undefined) return;
  const size = Buffer.byteLength(JSON.stringify(meta), 'utf8');
  if (size > META_LIMIT) ctx.report('registry-meta-size', ['_meta', 'io.modelcontextprotocol.registry/publisher-provided'], `Publisher-provided _meta is ${size} bytes; the registry accepts at most ${META_LIMIT}.`);
}

/** Keys of the 2025-07-09 layout, found by walking the plain value (nodes are looked up only for hits). */
function legacyKeys(ctx: CheckContext, v: unknown, at: JsonPath): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      at.push(i);
      legacyKeys(ctx, v[i], at);
      at.pop();
    }
    return;
  }
  if (!isObject(v) || at[0] === '_meta') return;
  for (const key in v) {
    at.push(key);
    if (key in LEGACY_KEYS) {
      const p = [...at];
      const to = LEGACY_KEYS[key];
      const fix = to ? ctx.renameKeyFix(`Rename to "${to}"`, p, to) : undefined;
      ctx.report('registry-legacy-key', p, `"${key}" is from an older server.json layout${to ? `; this schema calls it "${to}"` : key === 'version_detail' ? '; give the version as a top-level "version" string' : ''}.`, { on: 'key', fixes: fix ? [fix] : [] });
    }
    legacyKeys(ctx, v[key], at);
    at.pop();
  }
}

/** Reads the keys from the plain value; tree nodes are looked up only for a key that gets reported. */
function unknownKeys(ctx: CheckContext, value: Json, at: JsonPath, known: string[], where: string): void {
  for (const key in value) {
    if (known.includes(key) || key in LEGACY_KEYS) continue;
    const meant = didYouMean(key, known);
    const fix = meant ? ctx.renameKeyFix(`Rename to "${meant}"`, [...at, key], meant) : undefined;
    ctx.report('unknown-key', [...at, key], `"${key}" is not ${where} and is ignored${meant ? `; did you mean "${meant}"?` : '.'}`, { on: 'key', fixes: fix ? [fix] : [] });
  }
}

function packageCheck(ctx: CheckContext, pkg: Json, at: JsonPath, doc: Json, schemaVersion: string): void {
  const strict = schemaVersion <= '2025-09-29' && schemaVersion !== 'draft';
  if (!strict) unknownKeys(ctx, pkg, at, PACKAGE_KEYS, 'a package key');
  versionCheck(ctx, [...at, 'version'], pkg.version, 'The package version', doc.version);
  const typeKey = schemaVersion === '2025-07-09' ? 'registry_type' : 'registryType';
  const type = pkg[typeKey];
  if (typeof type === 'string' && !ALLOWED_REGISTRY_TYPES.includes(type)) {
    const meant = type.toLowerCase() === 'docker' ? 'oci' : ALLOWED_REGISTRY_TYPES.includes(type.toLowerCase()) ? type.toLowerCase() : didYouMean(type, ALLOWED_REGISTRY_TYPES);
    ctx.report('registry-type-unsupported', [...at, typeKey], `Registry type "${type}" is not supported; use one of ${ALLOWED_REGISTRY_TYPES.join(', ')}.`, {
      fixes: meant ? [ctx.setFix(`Use "${meant}"`, [...at, typeKey], meant, true)] : [],
    });
  }
  const baseKey = schemaVersion === '2025-07-09' ? 'registry_base_url' : 'registryBaseUrl';
  const base = pkg[baseKey];
  const allowed = typeof type === 'string' ? BASE_URLS[type] : undefined;
  if (typeof base === 'string' && allowed && !allowed.includes(base.replace(/\/+$/, ''))) {
    ctx.report('registry-base-url', [...at, baseKey], `"${base}" is not an allowed registryBaseUrl for ${type} packages; use ${allowed.map((u) => `"${u}"`).join(' or ')}.`, {
      fixes: [ctx.setFix(`Use "${allowed[0]}"`, [...at, baseKey], allowed[0], true)],
    });
  }
  const id = pkg.identifier;
  if (typeof id === 'string' && (id.trim() === '' || /\s/.test(id))) {
    ctx.report('registry-identifier', [...at, 'identifier'], id.trim() === '' ? 'The package identifier is empty.' : `The package identifier "${id}" contains spaces.`);
  }
  const argsKeys = schemaVersion === '2025-07-09' ? ['runtime_arguments', 'package_arguments'] : ['runtimeArguments', 'packageArguments'];
  for (const key of argsKeys) if (Array.isArray(pkg[key])) (pkg[key] as unknown[]).forEach((a, i) => isObject(a) && argumentCheck(ctx, a, [...at, key, i]));
  const envKey = schemaVersion === '2025-07-09' ? 'environment_variables' : 'environmentVariables';
  if (Array.isArray(pkg[envKey])) {
    (pkg[envKey] as unknown[]).forEach((e, i) => {
      if (!isObject(e)) return;
      if (!strict) unknownKeys(ctx, e, [...at, envKey, i], INPUT_KEYS, 'an environment variable key');
      valueVariablesCheck(ctx, e, [...at, envKey, i]);
    });
  }
  if (Array.isArray(pkg[argsKeys[0]]) && (pkg[argsKeys[0]] as unknown[]).length && pkg.runtimeHint === undefined && pkg.runtime_hint === undefined) {
    ctx.report('registry-runtime-hint', [...at, argsKeys[0]], 'runtimeArguments are given but no runtimeHint says which runtime they are for.', { on: 'key' });
  }
  transportCheck(ctx, pkg, at);
}

function argumentCheck(ctx: CheckContext, arg: Json, at: JsonPath): void {
  if (arg.type === 'named') {
    const name = arg.name;
    // The registry refuses a name with <, >, a space or $ (a value or description in the name); "--port=8080"
    // passes it but still hides the value from the client.
    if (typeof name === 'string' && /[\s<>$=]/.test(name)) {
      const flag = name.split(/[\s=]/)[0];
      const refused = /[\s<>$]/.test(name);
      ctx.report('registry-argument', [...at, 'name'], `Named argument "${name}" must be just the flag; put its value in "value"${refused ? '' : ' (the registry accepts it, but clients cannot prompt for the value)'}.`, {
        severity: refused ? 'error' : 'warning',
        fixes: flag && flag !== name && !/[<>$]/.test(flag) ? [ctx.multiFix(`Split into name "${flag}" and value`, [{ path: [...at, 'name'], value: flag }, { path: [...at, 'value'], value: name.slice(flag.length + 1).trim() }], true)] : [],
      });
    }
  } else if (arg.type === 'positional' && arg.value === undefined && arg.valueHint === undefined && arg.value_hint === undefined) {
    ctx.report('registry-argument', at, 'A positional argument needs a "value" or a "valueHint".', { replacesSchema: true });
  }
  valueVariablesCheck(ctx, arg, at);
}

/** {var} in a value must be defined in the same input's "variables". */
function valueVariablesCheck(ctx: CheckContext, input: Json, at: JsonPath): void {
  if (typeof input.value !== 'string') return;
  const defined = isObject(input.variables) ? Object.keys(input.variables) : [];
  for (const v of templateVariables(input.value)) {
    if (!defined.includes(v)) {
      ctx.report('registry-url-variable', [...at, 'value'], `"{${v}}" is used in the value but not defined in "variables", so a client cannot ask for it.`, {
        severity: 'warning',
        fixes: [ctx.setFix(`Define variable "${v}"`, [...at, 'variables', v], { description: `Value for ${v}`, isRequired: true }, true)],
      });
    }
  }
}

function transportCheck(ctx: CheckContext, pkg: Json, at: JsonPath): void {
  const t = pkg.transport;
  if (!isObject(t) || typeof t.type !== 'string') return;
  const tp = [...at, 'transport'];
  if (t.type === 'stdio' && t.url !== undefined) {
    ctx.report('registry-transport-url', [...tp, 'url'], 'A stdio transport has no url: the client starts the package and talks over stdin/stdout.', {
      on: 'key',
      fixes: [ctx.setFix('Remove "url"', [...tp, 'url'], undefined, true)],
    });
  } else if ((t.type === 'streamable-http' || t.type === 'sse') && (typeof t.url !== 'string' || t.url === '')) {
    ctx.report('registry-transport-url', [...tp, 'type'], `A ${t.type} transport needs a "url" for the client to connect to.`, { replacesSchema: true });
  } else if (typeof t.url === 'string') {
    // Package transports may use localhost (the package runs locally), but their {variables} must be defined.
    const names = new Set<string>();
    for (const key of ['environmentVariables', 'packageArguments', 'runtimeArguments']) {
      if (!Array.isArray(pkg[key])) continue;
      for (const a of pkg[key] as unknown[]) {
        if (!isObject(a)) continue;
        if (typeof a.name === 'string') names.add(a.name.replace(/^-+/, ''));
        if (typeof a.valueHint === 'string') names.add(a.valueHint);
      }
    }
    for (const v of templateVariables(t.url)) {
      if (!names.has(v)) ctx.report('registry-url-variable', [...tp, 'url'], `"{${v}}" in the transport URL matches no environment variable or argument of this package.`);
    }
  }
}

function remoteCheck(ctx: CheckContext, r: Json, at: JsonPath): void {
  if (typeof r.url !== 'string') {
    if (r.type === 'streamable-http' || r.type === 'sse') ctx.report('registry-transport-url', [...at, 'type'], `A ${r.type} remote needs a "url".`, { replacesSchema: true });
    return;
  }
  const urlPath = [...at, 'url'];
  // The host, read with a regex: cheaper than URL parsing and indifferent to {template} parts.
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/:?#]*)/i.exec(r.url)?.[1];
  if (host && isLoopbackHost(host)) {
    ctx.report('registry-remote-localhost', urlPath, `Remote URL "${r.url}" points at this machine; a published remote must be reachable by its users (use a package with a local transport instead).`);
  } else if (!/^https:\/\//i.test(r.url)) {
    const fixes = /^http:\/\//i.test(r.url) ? [ctx.setFix('Use https', urlPath, r.url.replace(/^http:/i, 'https:'), true)] : [];
    ctx.report('registry-remote-https', urlPath, `Remote URL "${r.url}" must use https.`, { fixes });
  }
  const defined = isObject(r.variables) ? Object.keys(r.variables) : [];
  const missing = templateVariables(r.url).filter((v) => !defined.includes(v));
  if (missing.length) {
    const ops = missing.map((v) => ({ path: [...at, 'variables', v] as JsonPath, value: { description: `Value for {${v}} in the URL`, isRequired: true } }));
    ctx.report('registry-url-variable', urlPath, `${missing.map((v) => `"{${v}}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} used in the URL but not defined in the remote's "variables".`, {
      fixes: [ctx.multiFix(`Define ${missing.map((v) => `"${v}"`).join(', ')} in "variables"`, ops, true)],
    });
  }
  if (Array.isArray(r.headers)) r.headers.forEach((h, i) => isObject(h) && valueVariablesCheck(ctx, h, [...at, 'headers', i]));
}
