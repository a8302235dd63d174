// The validation engine shared by the CLI and the language server: syntax, the selected JSON Schema, the
// semantic checks of the file's kind, then (separately, because they touch the machine) environment checks.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { clientChecks } from './checks/clientChecks';
import { ManifestEnvironment, environmentChecks } from './checks/environmentChecks';
import { mcpbChecks } from './checks/mcpbChecks';
import { placeholderChecks } from './checks/placeholderChecks';
import { registryChecks } from './checks/registryChecks';
import { syntaxChecks } from './checks/syntaxChecks';
import { ConfigKind, kindWithoutContent } from './configKinds';
import { DiagnosticCode } from './diagnosticCodes';
import { ManifestDiagnostic, compareDiagnostics } from './manifestDiagnostic';
import { CheckContext, ManifestDocument, openManifest } from './manifestDocument';
import { validateAgainstSchema } from './schemaValidation';
import { WORKSPACE_CONFIGS } from './configLocations';

export type { ManifestEnvironment } from './checks/environmentChecks';

export interface ValidateOptions {
  /** Treat the file as this kind instead of detecting it. */
  kind?: ConfigKind;
  /**
   * The editor already validates this file against its own schema (VS Code and .vscode/mcp.json): leave
   * schema findings to it and turn our findings that repeat it into hints, which keep their quick fixes.
   */
  hostValidatesSchema?: boolean;
}

export interface ManifestReport {
  file: string;
  kind: ConfigKind | undefined;
  /** Id and label of the schema used, e.g. "server.json@2025-12-11". */
  schema: { id: string; label: string; uri: string } | undefined;
  diagnostics: ManifestDiagnostic[];
  document?: ManifestDocument;
}

/** In server.json a whole "${VERSION}" (or "image:${VERSION}") is a release-time template, never a value. */
const SERVER_JSON_PLACEHOLDERS = [/^\$\{[A-Z][A-Z0-9_]*\}$/, /:\$\{[A-Z][A-Z0-9_]*\}$/];

/** Findings that VS Code's own mcp.json schema already reports. */
const HOST_SCHEMA_DUPLICATES = new Set<DiagnosticCode>(['client-unknown-key', 'client-key-typo', 'client-unknown-root-key', 'client-stdio-url', 'client-http-no-url', 'client-foreign-key', 'duplicate-key', 'syntax-error', 'not-an-object']);

function schemaProblemDiagnostic(ctx: CheckContext): void {
  const problem = ctx.doc.schema.problem;
  if (!problem) return;
  const doc = ctx.doc;
  const key = doc.kind === 'mcpb' ? (ctx.node(['manifest_version']) ? 'manifest_version' : ctx.node(['dxt_version']) ? 'dxt_version' : 'manifest_version') : '$schema';
  const exists = ctx.node([key]) !== undefined;
  // Moving an older file to the newest schema may need more edits than this one: never apply it on its own.
  const preferred = problem.code !== 'schema-deprecated' && problem.code !== 'schema-draft';
  const fixes = problem.replacement ? [ctx.setFix(exists ? `Use ${problem.replacement}` : `Add "${key}": "${problem.replacement}"`, [key], problem.replacement, preferred)] : [];
  ctx.report(problem.code, [key], problem.message, { fixes, node: exists ? ctx.node([key]) : ctx.doc.root?.children?.[0]?.children?.[0] ?? ctx.doc.root });
}

/** The checks that need nothing but the text: syntax, schema choice and the kind's semantic rules. */
export function runChecks(doc: ManifestDocument): CheckContext {
  const ctx = new CheckContext(doc);
  syntaxChecks(ctx);
  if (doc.root && doc.root.type !== 'object') {
    ctx.report('not-an-object', [], 'The top level must be a JSON object.', { node: doc.root, replacesSchema: true });
    return ctx;
  }
  if (!doc.root) return ctx;
  schemaProblemDiagnostic(ctx);
  if (doc.kind === 'server-json') registryChecks(ctx);
  else if (doc.kind === 'mcpb') mcpbChecks(ctx);
  else clientChecks(ctx);
  placeholderChecks(ctx, doc.kind === 'server-json' ? SERVER_JSON_PLACEHOLDERS : undefined);
  return ctx;
}

/** Merges schema findings with check findings: a check that explains a path better replaces the schema's words. */
export function mergeFindings(ctx: CheckContext, schemaFindings: ManifestDiagnostic[], opts: ValidateOptions = {}): ManifestDiagnostic[] {
  const replaced = [...ctx.replacesSchema];
  const covered = (p: string): boolean => replaced.some((r) => p === r || p.startsWith(r + '/'));
  const schema = opts.hostValidatesSchema ? [] : schemaFindings.filter((d) => !covered(d.path));
  // Syntax errors make the tree partial: the schema would report symptoms of the same mistake.
  const syntaxBroken = ctx.diagnostics.some((d) => d.code === 'syntax-error');
  const checks = ctx.diagnostics.map((d) => (opts.hostValidatesSchema && HOST_SCHEMA_DUPLICATES.has(d.code) ? { ...d, severity: 'hint' as const } : d));
  return [...checks, ...(syntaxBroken ? [] : schema)].sort(compareDiagnostics);
}

function describeSchema(doc: ManifestDocument): ManifestReport['schema'] {
  return { id: doc.schema.id, label: doc.schema.label, uri: doc.schema.uri };
}

/**
 * A report for a file that could not be checked at all: one sentence, at the start of the file. A file whose name
 * says it is no manifest (notes.json) is skipped instead, as it would be if it could be read.
 */
export function notChecked(file: string, forcedKind: ConfigKind | undefined, reason: string): ManifestReport {
  const kind = kindWithoutContent(file, forcedKind);
  if (kind === null) return { file, kind: undefined, schema: undefined, diagnostics: [] };
  const start = { line: 0, character: 0 };
  return {
    file,
    kind,
    schema: undefined,
    diagnostics: [{ code: 'not-checked', severity: 'error', message: `The file could not be checked: ${reason}.`, path: '', range: { start, end: start }, source: 'syntax' }],
  };
}

/** Everything but the environment checks. Never throws for any input text. */
export async function validateManifest(file: string, text: string, opts: ValidateOptions = {}): Promise<ManifestReport> {
  // A NUL never appears in a JSON text outside a string escape; it marks a binary file.
  if (text.includes('\0')) return notChecked(file, opts.kind, 'it contains NUL bytes, so it is a binary file, not JSON');
  try {
    const doc = openManifest(file, text, opts.kind);
    if (!doc) return { file, kind: undefined, schema: undefined, diagnostics: [] };
    const ctx = runChecks(doc);
    // Where the editor validates against its own schema, ours would only be thrown away.
    const schemaFindings = doc.root && doc.root.type === 'object' && !opts.hostValidatesSchema ? await validateAgainstSchema(doc) : [];
    return { file, kind: doc.kind, schema: describeSchema(doc), diagnostics: mergeFindings(ctx, schemaFindings, opts), document: doc };
  } catch (e) {
    // The parser and the schema validator recurse once per nesting level: thousands of levels exhaust the stack.
    const reason = e instanceof RangeError ? 'its JSON is nested too deeply (thousands of levels) to check' : `the checks failed (${(e as Error).message})`;
    return notChecked(file, opts.kind, reason);
  }
}

/** The slow checks for a document already opened: PATH lookups, sibling files, other workspace configs. */
export async function validateEnvironment(doc: ManifestDocument, env: ManifestEnvironment, signal?: AbortSignal): Promise<ManifestDiagnostic[]> {
  if (!doc.root || doc.root.type !== 'object') return [];
  return environmentChecks(new CheckContext(doc), env, signal);
}

/** The real machine: files from disk, PATH from this process, config files next to this one's workspace. */
export function nodeEnvironment(workspaceFolders: string[] = []): ManifestEnvironment {
  return {
    readFile: async (f) => {
      try {
        return await fs.readFile(f, 'utf8');
      } catch {
        return undefined;
      }
    },
    pathValue: process.env.PATH ?? process.env.Path ?? '',
    platform: process.platform,
    pathExt: process.env.PATHEXT,
    workspaceConfigFiles: async (file) => {
      const folder = workspaceFolders.find((w) => path.resolve(file).startsWith(path.resolve(w) + path.sep));
      if (!folder) return [];
      return WORKSPACE_CONFIGS.filter((l) => l.kind !== 'server-json').map((l) => path.join(folder, l.path));
    },
  };
}
