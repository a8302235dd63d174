// The verify rules the editor uses: the mcpWorkbench.verify.* settings, then the nearest .mcpworkbench.json
// above the trace (inside the workspace), then what a command passed. Later sources add to earlier ones.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CompareRuleSpec, mergeRules } from '../../core/replay/compareRules';
import { findConfigFile, loadConfigFile, type VerifyConfig } from '../../core/replay/workbenchConfig';

export interface EditorVerifyConfig {
  rules: CompareRuleSpec;
  timeoutMs?: number;
  target?: VerifyConfig['target'];
  /** The .mcpworkbench.json that contributed, if any. */
  configFile?: string;
}

export function verifyConfigFor(traceFile: string, extra?: CompareRuleSpec): EditorVerifyConfig {
  const uri = vscode.Uri.file(traceFile);
  const c = vscode.workspace.getConfiguration('mcpWorkbench.verify', uri);
  const fromSettings: CompareRuleSpec = {
    ignore: c.get<string[]>('ignore', []),
    volatileKeys: c.get<string[]>('volatileKeys', []),
    numericTolerance: c.get<number>('numericTolerance', 0),
  };
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  const file = findConfigFile(path.dirname(traceFile), folder);
  const config = file ? loadConfigFile(file) : undefined; // throws ConfigError with a sentence
  return {
    rules: mergeRules(fromSettings, config?.verify, extra),
    timeoutMs: config?.verify.timeoutMs ?? c.get<number>('timeoutMs', 30_000),
    target: config?.verify.target,
    configFile: file,
  };
}
