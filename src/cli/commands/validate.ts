// `mcp-workbench validate`: the language server's checks for CI. Exit 1 when any file has an error.
import { isUtf8 } from 'node:buffer';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CliCommand } from '../commandTable';
import { CliError, EXIT } from '../cliError';
import { parseCommandArgs } from '../parseCommandArgs';
import { CONFIG_KIND_LABELS, ConfigKind } from '../../core/manifest/configKinds';
import { ManifestEnvironment, ManifestReport, nodeEnvironment, notChecked, validateEnvironment, validateManifest } from '../../core/manifest/validateManifest';
import { compareDiagnostics } from '../../core/manifest/manifestDiagnostic';
import { expandGlob, isGlob } from '../../core/manifest/expandGlobs';

const HELP = `Usage: mcp-workbench validate <files or globs...> [--format text|json] [--kind K] [--no-environment]

Checks MCP manifests and client configs: server.json (every dated schema), .vscode/mcp.json, .mcp.json,
claude_desktop_config.json, .cursor/mcp.json, mcp_config.json (Windsurf), Gemini CLI and Zed settings.json,
and MCPB manifest.json. The kind is detected from the file name and content unless --kind is given.

Options:
  --format text|json   text (default) or a JSON array of {file, kind, schema, diagnostics}
  --kind K             treat every file as K: ${Object.keys(CONFIG_KIND_LABELS).join(', ')}
  --no-environment     skip checks that look at this machine (command on PATH, sibling package.json)

Every file gets its result, or one sentence saying why it could not be checked (binary, not UTF-8, nested
too deeply, larger than 32 MB, not a regular file, unreadable); that counts as an error.

Exit codes: 0 no errors, 1 at least one error, 2 usage error (bad option, missing file, no manifest at all).`;

/** Larger files are not read: no client config or manifest comes near this. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** Names used elsewhere (e.g. by test corpora) for the same kinds. */
const KIND_ALIASES: Record<string, ConfigKind> = {
  'claude-code-mcp': 'claude-code',
  'cursor-mcp': 'cursor',
  'gemini-settings': 'gemini',
  'gemini-extension': 'gemini',
  'mcpb-manifest': 'mcpb',
  'windsurf-mcp': 'windsurf',
  'zed-settings': 'zed',
};

export function parseKind(k: string | undefined): ConfigKind | undefined {
  if (k === undefined) return undefined;
  if (k in CONFIG_KIND_LABELS) return k as ConfigKind;
  if (KIND_ALIASES[k]) return KIND_ALIASES[k];
  throw new CliError(`unknown kind "${k}".`, EXIT.usage, `use one of ${Object.keys(CONFIG_KIND_LABELS).join(', ')}.`);
}

async function expand(patterns: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of patterns) {
    if (isGlob(p)) {
      const found = await expandGlob(p);
      if (found.length === 0) throw new CliError(`no file matches "${p}".`, EXIT.usage);
      files.push(...found);
    } else {
      const abs = path.resolve(p);
      const st = await fs.stat(abs).catch(() => undefined);
      if (!st) throw new CliError(`${p}: no such file.`, EXIT.usage);
      if (st.isDirectory()) throw new CliError(`${p} is a folder.`, EXIT.usage, `give files or a glob such as "${path.join(p, '**/*.json')}".`);
      files.push(abs);
    }
  }
  return [...new Set(files)];
}

interface JsonEntry {
  file: string;
  kind: string | null;
  schema: string | null;
  diagnostics: { code: string; severity: string; message: string; path: string; range: ManifestReport['diagnostics'][number]['range'] }[];
}

export function toJsonEntry(r: ManifestReport): JsonEntry {
  return {
    file: r.file,
    kind: r.kind ?? null,
    schema: r.schema?.id ?? null,
    diagnostics: r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, path: d.path, range: d.range })),
  };
}

/** A file's report, or a one-sentence reason why it could not be checked; never throws, so other files' results are kept. */
async function checkFile(file: string, kind: ConfigKind | undefined, env: ManifestEnvironment | undefined): Promise<ManifestReport> {
  try {
    const st = await fs.stat(file);
    // A device or a pipe (/dev/zero, a FIFO) may never end.
    if (!st.isFile()) return notChecked(file, kind, 'it is not a regular file');
    if (st.size > MAX_FILE_BYTES) return notChecked(file, kind, `it is ${(st.size / 1024 / 1024).toFixed(0)} MB, and files over ${MAX_FILE_BYTES / 1024 / 1024} MB are not read`);
    const bytes = await fs.readFile(file);
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return notChecked(file, kind, 'it is UTF-16 text, and clients read UTF-8');
    if (!isUtf8(bytes)) return notChecked(file, kind, 'it is not UTF-8 text (a binary file?)');
    const report = await validateManifest(file, bytes.toString('utf8').replace(/^\uFEFF/, ''), { kind });
    // The machine checks only add warnings; a failure there must not cost the file its result.
    const machine = env && report.document ? await validateEnvironment(report.document, env).catch(() => []) : [];
    if (machine.length) report.diagnostics = [...report.diagnostics, ...machine].sort(compareDiagnostics);
    return report;
  } catch (e) {
    return notChecked(file, kind, `it cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function formatText(reports: ManifestReport[], cwd: string): string {
  const lines: string[] = [];
  for (const r of reports) {
    const rel = path.relative(cwd, r.file) || r.file;
    if (!r.kind && r.diagnostics.length === 0) {
      lines.push(`${rel}: skipped, not a recognised MCP config or manifest (use --kind to force one)`);
      continue;
    }
    const shown = r.diagnostics.filter((d) => d.severity !== 'hint');
    lines.push(`${rel}: ${r.kind ? CONFIG_KIND_LABELS[r.kind] : 'unknown kind'}, schema ${r.schema?.label ?? 'none'}${shown.length ? '' : ' - ok'}`);
    for (const d of shown) {
      lines.push(`  ${rel}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code}: ${d.message}${d.path ? ` (${d.path})` : ''}`);
    }
  }
  const all = reports.flatMap((r) => r.diagnostics);
  const count = (s: string): number => all.filter((d) => d.severity === s).length;
  lines.push(`${reports.filter((r) => r.kind || r.diagnostics.length).length} file(s) checked: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s).`);
  return lines.join('\n') + '\n';
}

export const validateCommand: CliCommand = {
  summary: 'check MCP manifests and client configs (server.json, mcp.json, MCPB ...)',
  async run(argv) {
    const parsed = parseCommandArgs(
      {
        args: argv,
        allowPositionals: true,
        options: { format: { type: 'string', default: 'text' }, kind: { type: 'string' }, 'no-environment': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      },
      'run "mcp-workbench validate --help".',
    );
    if (parsed.values.help) {
      process.stdout.write(HELP + '\n');
      return EXIT.ok;
    }
    const format = parsed.values.format;
    if (format !== 'text' && format !== 'json') throw new CliError(`--format must be "text" or "json", not "${format}".`, EXIT.usage);
    if (parsed.positionals.length === 0) throw new CliError('give at least one file or glob to validate.', EXIT.usage, 'e.g. mcp-workbench validate server.json ".vscode/mcp.json".');
    const kind = parseKind(parsed.values.kind);
    const files = await expand(parsed.positionals);
    const env = parsed.values['no-environment'] ? undefined : nodeEnvironment([process.cwd()]);
    const reports: ManifestReport[] = [];
    for (const file of files) reports.push(await checkFile(file, kind, env));
    if (format === 'json') process.stdout.write(JSON.stringify(reports.map(toJsonEntry), null, 2) + '\n');
    else process.stdout.write(formatText(reports, process.cwd()));
    if (!reports.some((r) => r.kind || r.diagnostics.length)) return EXIT.usage;
    return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? EXIT.failed : EXIT.ok;
  },
};
