// Tolerant JSON-with-comments parsing that keeps syntax errors with their line and column.
import * as jsonc from 'jsonc-parser';

export interface Position {
  line: number; // 0-based
  character: number; // 0-based
}

export interface SyntaxProblem {
  message: string;
  offset: number;
  length: number;
  position: Position;
}

export interface ParsedJson {
  value: unknown;
  root: jsonc.Node | undefined;
  errors: SyntaxProblem[];
  /** Whether the text uses comments or trailing commas (relevant for clients that read strict JSON). */
  usesJsoncExtensions: boolean;
}

/** Maps offsets to 0-based line/character positions; built once per text. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
  offsetAt(pos: Position): number {
    const start = this.starts[Math.min(pos.line, this.starts.length - 1)] ?? 0;
    return start + pos.character;
  }
}

export function parseJsonc(text: string): ParsedJson {
  const errors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const value = root ? jsonc.getNodeValue(root) : undefined;
  const index = new LineIndex(text);
  let usesJsoncExtensions = false;
  const strictErrors: jsonc.ParseError[] = [];
  jsonc.parseTree(text, strictErrors, { allowTrailingComma: false, disallowComments: true });
  if (strictErrors.length > errors.length) usesJsoncExtensions = true;
  return {
    value,
    root,
    usesJsoncExtensions,
    errors: errors.map((e) => ({
      message: jsonc.printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(),
      offset: e.offset,
      length: e.length,
      position: index.positionAt(e.offset),
    })),
  };
}

/** A one-line description of the first syntax problem, e.g. "line 3, column 5: property name expected". */
export function describeSyntaxError(p: SyntaxProblem): string {
  return `line ${p.position.line + 1}, column ${p.position.character + 1}: ${p.message}`;
}
