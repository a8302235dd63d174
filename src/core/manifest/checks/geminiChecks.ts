// Gemini CLI settings.json beyond the server entries: the nested (v2) layout, flat v1 keys that Gemini CLI still
// migrates on load, the "mcp" section (allowed / excluded servers), and per-server tool filters and URL keys.
import type { ManifestFix } from '../manifestDiagnostic';
import { JsonPath } from '../manifestDiagnostic';
import { CheckContext, Json, isObject } from '../manifestDocument';

/** Flat v1 keys and where Gemini CLI's settings migration moves them (packages/cli/src/config/settings.ts). */
export const GEMINI_V1_KEYS: Record<string, string> = {
  accessibility: 'ui.accessibility', allowedTools: 'tools.allowed', allowMCPServers: 'mcp.allowed', autoAccept: 'tools.autoAccept',
  autoConfigureMaxOldSpaceSize: 'advanced.autoConfigureMemory', bugCommand: 'advanced.bugCommand', checkpointing: 'general.checkpointing',
  coreTools: 'tools.core', contextFileName: 'context.fileName', customThemes: 'ui.customThemes', customWittyPhrases: 'ui.customWittyPhrases',
  debugKeystrokeLogging: 'general.debugKeystrokeLogging', disableAutoUpdate: 'general.disableAutoUpdate', disableUpdateNag: 'general.disableUpdateNag',
  dnsResolutionOrder: 'advanced.dnsResolutionOrder', enablePromptCompletion: 'general.enablePromptCompletion', enforcedAuthType: 'security.auth.enforcedType',
  excludeTools: 'tools.exclude', excludeMCPServers: 'mcp.excluded', excludedProjectEnvVars: 'advanced.excludedEnvVars', fileFiltering: 'context.fileFiltering',
  folderTrustFeature: 'security.folderTrust.featureEnabled', folderTrust: 'security.folderTrust.enabled', hasSeenIdeIntegrationNudge: 'ide.hasSeenNudge',
  hideWindowTitle: 'ui.hideWindowTitle', hideTips: 'ui.hideTips', ideMode: 'ide.enabled', includeDirectories: 'context.includeDirectories',
  loadMemoryFromIncludeDirectories: 'context.loadFromIncludeDirectories', maxSessionTurns: 'model.maxSessionTurns', mcpServerCommand: 'mcp.serverCommand',
  memoryImportFormat: 'context.importFormat', memoryDiscoveryMaxDirs: 'context.discoveryMaxDirs', preferredEditor: 'general.preferredEditor',
  sandbox: 'tools.sandbox', selectedAuthType: 'security.auth.selectedType', shouldUseNodePtyShell: 'tools.shell.enableInteractiveShell',
  showLineNumbers: 'ui.showLineNumbers', skipNextSpeakerCheck: 'model.skipNextSpeakerCheck', summarizeToolOutput: 'model.summarizeToolOutput',
  theme: 'ui.theme', toolDiscoveryCommand: 'tools.discoveryCommand', toolCallCommand: 'tools.callCommand',
  usageStatisticsEnabled: 'privacy.usageStatisticsEnabled', useExternalAuth: 'security.auth.useExternal', useRipgrep: 'tools.useRipgrep', vimMode: 'general.vimMode',
};

/**
 * A top-level key of settings.json outside the published (strict) schema. Flat v1 keys still load, because
 * Gemini CLI migrates them, so they are warnings with the move as a fix; anything else is an error.
 */
export function geminiRootKey(ctx: CheckContext, key: string, meant: string | undefined, rename: ManifestFix | undefined): void {
  const doc = ctx.value as Json;
  const target = GEMINI_V1_KEYS[key] ?? (key === 'model' && typeof doc.model === 'string' ? 'model.name' : undefined);
  if (target) {
    const to = target.split('.');
    const taken = to.reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), doc) !== undefined;
    const fixes = taken ? [] : [ctx.multiFix(`Move to "${target}"`, [{ path: [key], value: undefined }, { path: to, value: doc[key] }], true)];
    ctx.report('client-legacy-key', [key], `"${key}" is a flat (v1) settings key; Gemini CLI migrates it to "${target}" when it loads the file.`, { on: 'key', fixes, replacesSchema: true });
    return;
  }
  ctx.report('client-unknown-root-key', [key], `"${key}" is not allowed at the top level of Gemini CLI settings.json${meant ? `; did you mean "${meant}"?` : '.'}`, {
    on: 'key',
    fixes: rename ? [rename] : [],
    replacesSchema: true,
  });
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** mcp.allowed / mcp.excluded: server names that match nothing here, and servers this file defines but Gemini CLI skips. */
export function geminiMcpSection(ctx: CheckContext, doc: Json, servers: Json): void {
  const mcp = isObject(doc.mcp) ? doc.mcp : undefined;
  if (!mcp) return;
  const names = Object.keys(servers);
  for (const list of ['allowed', 'excluded'] as const) {
    stringList(mcp[list]).forEach((name, i) => {
      if (!names.includes(name)) ctx.report('client-server-filter', ['mcp', list, i], `mcp.${list} names "${name}", which this file does not define (it may come from another settings file).`, { severity: 'info' });
    });
  }
  const allowed = Array.isArray(mcp.allowed) ? stringList(mcp.allowed) : undefined;
  const excluded = stringList(mcp.excluded);
  for (const name of names) {
    const why = excluded.includes(name) ? 'is in mcp.excluded' : allowed && !allowed.includes(name) ? 'is not in mcp.allowed' : undefined;
    if (why) ctx.report('client-server-filter', ['mcpServers', name], `Server "${name}" ${why}, so Gemini CLI does not start it.`, { on: 'key' });
  }
}

/** httpUrl next to url (httpUrl wins), and a tool both included and excluded (excludeTools wins). */
export function geminiServerChecks(ctx: CheckContext, entry: Json, at: JsonPath): void {
  if (typeof entry.httpUrl === 'string' && entry.url !== undefined) {
    ctx.report('client-key-ignored', [...at, 'url'], '"url" is ignored: Gemini CLI connects to "httpUrl" when both are given.', {
      on: 'key',
      fixes: [ctx.setFix('Remove "url"', [...at, 'url'], undefined)],
    });
  }
  const include = stringList(entry.includeTools);
  stringList(entry.excludeTools).forEach((tool, i) => {
    if (include.includes(tool)) ctx.report('client-key-ignored', [...at, 'excludeTools', i], `"${tool}" is in both includeTools and excludeTools; excludeTools wins, so the tool is not available.`);
  });
}
