// `lint`: the tool-catalogue lint (src/core/lint) on a live server: context cost per tool, catalogue size,
// suspicious descriptions, schemas a form cannot render, and drift against stored hashes. Exit 1 on an error.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { lintCatalogue, type LintableTool } from '../../core/lint';
import { clientCommand, printJson, printRows } from '../clientCommand';
import { CliError, EXIT } from '../cliError';

function readHashes(file: string): Record<string, string> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const v = JSON.parse(readFileSync(file, 'utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, string>;
  } catch {
    // reported below
  }
  throw new CliError(`${file} is not a hashes file written by "mcp-workbench lint".`, EXIT.usage, 'Delete it to start a new baseline.');
}

export const lintCommand = clientCommand({
  name: 'lint',
  summary: 'Lint a server\'s tool catalogue (cost, poisoning, schemas, drift)',
  operands: ['[hashes-file]'],
  description:
    'Estimates the context cost of every tool definition (biggest first) and reports catalogues that are too large,\n' +
    'suspicious descriptions (hidden instructions, invisible Unicode, directions to read secrets or call other tools)\n' +
    'and input schemas a generated form cannot render. With a hashes file, tools whose definition changed since the\n' +
    'hashes were written are reported too, and the file is updated. Exits with 1 when a finding is an error.',
  examples: ['mcp-workbench lint -- node build/server.js', 'mcp-workbench lint .mcp-tool-hashes.json --config .vscode/mcp.json --server weather', 'mcp-workbench lint --json http://127.0.0.1:3000/mcp'],
  async run(session, args, [hashesFile]) {
    // The tools as sent: a definition clients would refuse is a finding here, not a failed command.
    const { tools, invalid } = await session.listToolsAsSent();
    const refused = new Set(invalid.map((t) => t.index));
    const report = lintCatalogue(tools.filter((_t, i) => !refused.has(i)) as unknown as LintableTool[], { previousHashes: hashesFile ? readHashes(hashesFile) : undefined });
    for (const t of invalid) {
      report.findings.unshift({ code: 'schema-invalid', severity: 'error', tool: t.name, message: `Clients refuse this definition (the MCP SDK drops the whole tools/list): ${t.problems.join('; ')}.` });
    }
    if (hashesFile) writeFileSync(hashesFile, JSON.stringify(report.hashes, null, 2) + '\n');
    if (args.json) printJson(report);
    else {
      process.stdout.write(`${report.toolCount} tools, about ${report.totalTokens} tokens of context\n`);
      printRows(report.costs.map((c) => [c.tool, String(c.tokens)]), '(no tools)');
      if (report.findings.length) process.stdout.write('\n');
      for (const f of report.findings) process.stdout.write(`${f.severity} ${f.code}${f.tool ? ` ${f.tool}` : ''}: ${f.message}${f.excerpt ? `\n    ${f.excerpt}` : ''}\n`);
    }
    return report.findings.some((f) => f.severity === 'error') ? EXIT.failed : EXIT.ok;
  },
});
