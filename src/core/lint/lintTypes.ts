// The catalogue lint's output: plain data, shown by the inspector's Lint tab and printed by the CLI.

export type LintSeverity = 'error' | 'warning' | 'info';

export type LintCode =
  | 'catalogue-too-large'
  | 'catalogue-too-costly'
  | 'tool-too-costly'
  | 'hidden-instructions'
  | 'invisible-unicode'
  | 'reads-secrets'
  | 'directs-other-tools'
  | 'schema-not-renderable'
  | 'schema-invalid'
  | 'tool-changed'
  | 'tool-added'
  | 'tool-removed'
  | 'deprecated-feature';

export interface LintFinding {
  code: LintCode;
  severity: LintSeverity;
  /** The tool concerned; absent for catalogue-wide findings. */
  tool?: string;
  message: string;
  /** A JSON pointer into the tool definition, when the finding is about one place. */
  path?: string;
  /** The offending text, shortened, with invisible characters made visible. */
  excerpt?: string;
}

export interface ToolCost {
  tool: string;
  /** Estimated tokens of the definition as a client sends it to a model (name, description, schemas). */
  tokens: number;
  chars: number;
}

export interface LintReport {
  /** Biggest first. */
  costs: ToolCost[];
  totalTokens: number;
  toolCount: number;
  findings: LintFinding[];
  /** Per-tool definition hashes to store for the next connection's drift check. */
  hashes: Record<string, string>;
}
