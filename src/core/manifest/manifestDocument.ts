// One manifest or client config as the checks see it: text, syntax tree, kind and chosen schema, plus the
// helpers every check needs (ranges of nodes, reporting, fixes built as text edits).
import * as path from 'node:path';
import * as jsonc from 'jsonc-parser';
import { Diagnostic, ErrorCode, JSONDocument, Range as LspRange, TextDocument } from 'vscode-json-languageservice';
import { ConfigKind, detectKind } from './configKinds';
import { DIAGNOSTIC_CODES, DiagnosticCode, Severity } from './diagnosticCodes';
import type { Position } from './jsonDocument';
import { jsonService } from './jsonService';
import { JsonPath, ManifestDiagnostic, ManifestFix, Range, TextEdit, toPointer } from './manifestDiagnostic';
import { SchemaChoice, chooseSchema } from './schemaCatalog';
import { changedSpan } from '../util/changedSpan';
import { editDistance } from '../util/editDistance';

export type Json = Record<string, unknown>;

export interface SyntaxFinding {
  offset: number;
  length: number;
  message: string;
}

export interface ManifestDocument {
  file: string;
  text: string;
  lines: { positionAt(offset: number): Position; offsetAt(p: Position): number };
  /**
   * The syntax tree. It is vscode-json-languageservice's AST, which has the shape of jsonc-parser's Node
   * (type, offset, length, parent, children, value), so one parse serves the checks and schema validation.
   */
  root: jsonc.Node | undefined;
  value: unknown;
  /** Parse errors of a lenient (JSONC) reading. */
  parseErrors: SyntaxFinding[];
  /** Comments and trailing commas: fine in JSONC, fatal for clients that read strict JSON. */
  comments: SyntaxFinding[];
  trailingCommas: SyntaxFinding[];
  /** Offsets of keys the parser found more than once in their object (each occurrence, first included). */
  duplicateKeyOffsets: number[];
  textDocument: TextDocument;
  jsonDocument: JSONDocument;
  kind: ConfigKind;
  schema: SchemaChoice;
  /** gemini-extension.json shares Gemini's server format but has its own top level. */
  variant?: 'gemini-extension';
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type AstNode = jsonc.Node & { properties?: { keyNode: jsonc.Node; valueNode?: jsonc.Node }[]; items?: jsonc.Node[] };

/** The JSON value of an AST node, read from the parser's own fields (no per-node arrays are allocated). */
function plainValue(node: jsonc.Node): unknown {
  const n = node as AstNode;
  if (n.type === 'object') {
    const o: Record<string, unknown> = {};
    for (const p of n.properties ?? []) {
      if (!p.valueNode) continue;
      const key = String(p.keyNode.value);
      const v = plainValue(p.valueNode);
      // A "__proto__" key must become an own property, not the object's prototype.
      if (key === '__proto__') Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true });
      else o[key] = v;
    }
    return o;
  }
  if (n.type === 'array') return (n.items ?? []).map(plainValue);
  return n.value;
}

/** A Gemini extension manifest names itself; a settings.json never has a top-level name and version. */
function looksLikeGeminiExtension(value: unknown): boolean {
  return isObject(value) && typeof value.name === 'string' && typeof value.version === 'string';
}

/** Detects the kind (unless forced) and parses; undefined when the file is not one of ours. */
export function openManifest(file: string, text: string, forcedKind?: ConfigKind): ManifestDocument | undefined {
  const textDocument = TextDocument.create('mcp-workbench://doc/' + encodeURIComponent(file), 'jsonc', 0, text);
  // syntaxErrors and comments are fields of the parser's document that the public type does not declare
  // (the service's own validation reads them); they carry the exact ranges of parse problems.
  const jsonDocument = jsonService().parseJSONDocument(textDocument) as JSONDocument & { syntaxErrors: Diagnostic[]; comments: LspRange[] };
  const root = jsonDocument.root as unknown as jsonc.Node | undefined;
  const value = root ? plainValue(root) : undefined;
  const base = path.basename(file.replace(/\\/g, '/'));
  const kind = forcedKind ?? (base === 'gemini-extension.json' ? 'gemini' : detectKind(file, value));
  if (!kind) return undefined;
  const finding = (d: { range: { start: Position; end: Position }; message: string | { value: string } }): SyntaxFinding => {
    const offset = textDocument.offsetAt(d.range.start);
    return { offset, length: textDocument.offsetAt(d.range.end) - offset, message: typeof d.message === 'string' ? d.message : d.message.value };
  };
  const parseErrors: SyntaxFinding[] = [];
  const trailingCommas: SyntaxFinding[] = [];
  const duplicateKeyOffsets: number[] = [];
  for (const e of jsonDocument.syntaxErrors) {
    // The parser reports duplicate keys with the syntax errors, but the text parses: they are not syntax errors.
    if (e.code === ErrorCode.DuplicateKey) duplicateKeyOffsets.push(textDocument.offsetAt(e.range.start));
    else (e.code === ErrorCode.TrailingComma ? trailingCommas : parseErrors).push(finding(e));
  }
  return {
    file,
    text,
    lines: { positionAt: (o) => textDocument.positionAt(o), offsetAt: (p) => textDocument.offsetAt(p) },
    root,
    value,
    parseErrors,
    comments: jsonDocument.comments.map((range) => finding({ range, message: 'comment' })),
    trailingCommas,
    duplicateKeyOffsets,
    textDocument,
    jsonDocument,
    kind,
    schema: chooseSchema(kind, value),
    variant: kind === 'gemini' && (base === 'gemini-extension.json' || looksLikeGeminiExtension(value)) ? 'gemini-extension' : undefined,
  };
}

/** Collects diagnostics for one document; checks call `report` with a node or a path. */
export class CheckContext {
  readonly diagnostics: ManifestDiagnostic[] = [];
  /** Paths (pointers) whose schema findings a check has replaced with a more precise one. */
  readonly replacesSchema = new Set<string>();

  constructor(readonly doc: ManifestDocument) {}

  get value(): unknown {
    return this.doc.value;
  }

  private readonly keyIndex = new WeakMap<jsonc.Node, Map<string, jsonc.Node>>();

  /** The node at a path. Objects get a key index on first use, so checks over thousands of servers stay linear. */
  node(p: JsonPath): jsonc.Node | undefined {
    let n = this.doc.root;
    for (const seg of p) {
      if (!n) return undefined;
      if (n.type === 'object') {
        let index = this.keyIndex.get(n);
        if (!index) {
          index = new Map();
          for (const prop of n.children ?? []) {
            const c = prop.children;
            if (c && c.length === 2 && !index.has(String(c[0].value))) index.set(String(c[0].value), c[1]);
          }
          this.keyIndex.set(n, index);
        }
        n = index.get(String(seg));
      } else if (n.type === 'array' && typeof seg === 'number') {
        n = n.children?.[seg];
      } else return undefined;
    }
    return n;
  }

  /** The property node (key + value) holding the value at `p`. */
  propertyNode(p: JsonPath): jsonc.Node | undefined {
    const n = this.node(p);
    return n?.parent?.type === 'property' ? n.parent : undefined;
  }

  keyNode(p: JsonPath): jsonc.Node | undefined {
    return this.propertyNode(p)?.children?.[0];
  }

  rangeOf(offset: number, length: number): Range {
    return { start: this.doc.lines.positionAt(offset), end: this.doc.lines.positionAt(offset + length) };
  }

  rangeOfNode(n: jsonc.Node | undefined): Range {
    if (!n) return this.rangeOf(0, Math.min(1, this.doc.text.length));
    return this.rangeOf(n.offset, n.length);
  }

  report(
    code: DiagnosticCode,
    at: JsonPath,
    message: string,
    opts: { on?: 'key' | 'value'; severity?: Severity; fixes?: ManifestFix[]; replacesSchema?: boolean; node?: jsonc.Node } = {},
  ): void {
    const n = opts.node ?? (opts.on === 'key' ? this.keyNode(at) ?? this.node(at) : this.node(at));
    const pointer = toPointer(at);
    if (opts.replacesSchema) this.replacesSchema.add(pointer);
    this.diagnostics.push({
      code,
      severity: opts.severity ?? DIAGNOSTIC_CODES[code].severity,
      message,
      path: pointer,
      range: this.rangeOfNode(n ?? this.nearestNode(at)),
      fixes: opts.fixes?.length ? opts.fixes : undefined,
      source: 'check',
    });
  }

  /** The deepest existing node on the way to `p`, so a missing key is reported on its parent. */
  nearestNode(p: JsonPath): jsonc.Node | undefined {
    for (let i = p.length; i >= 0; i--) {
      const n = this.node(p.slice(0, i));
      if (n) return i < p.length && n.parent?.type === 'property' ? n.parent.children?.[0] : n;
    }
    return undefined;
  }

  private toTextEdits(edits: jsonc.Edit[]): TextEdit[] {
    return edits.map((e) => ({ range: this.rangeOf(e.offset, e.length), newText: e.content }));
  }

  private formatting(): jsonc.FormattingOptions {
    const indent = /\n([ \t]+)"/.exec(this.doc.text)?.[1] ?? '  ';
    return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: this.doc.text.includes('\r\n') ? '\r\n' : '\n' };
  }

  /** A fix that sets (or, with undefined, removes) the value at `p`. */
  setFix(title: string, p: JsonPath, value: unknown, preferred = false): ManifestFix {
    return lazyFix(title, preferred, () => this.toTextEdits(jsonc.modify(this.doc.text, p, value, { formattingOptions: this.formatting() })));
  }

  /** Several set/remove operations in one fix, applied in order to a running copy of the text. */
  multiFix(title: string, ops: { path: JsonPath; value: unknown; arrayInsert?: boolean }[], preferred = false): ManifestFix {
    return lazyFix(title, preferred, () => this.multiEdit(ops));
  }

  private multiEdit(ops: { path: JsonPath; value: unknown; arrayInsert?: boolean }[]): TextEdit[] {
    const before = this.doc.text;
    let text = before;
    for (const op of ops) {
      text = jsonc.applyEdits(text, jsonc.modify(text, op.path, op.value, { formattingOptions: this.formatting(), isArrayInsertion: op.arrayInsert }));
    }
    // One edit covering only what changed, so an editor keeps the cursor and the undo step small.
    const { start, endBefore, endAfter } = changedSpan(before, text);
    return [{ range: this.rangeOf(start, endBefore - start), newText: text.slice(start, endAfter) }];
  }

  /** Renames the key of the property at `p`, keeping its value and position. */
  renameKeyFix(title: string, p: JsonPath, newKey: string, preferred = true): ManifestFix | undefined {
    const key = this.keyNode(p);
    if (!key) return undefined;
    return { title, preferred, edits: [{ range: this.rangeOfNode(key), newText: JSON.stringify(newKey) }] };
  }

  /** Replaces the raw text of the node at `p`. */
  replaceFix(title: string, p: JsonPath, newText: string, preferred = true): ManifestFix | undefined {
    const n = this.node(p);
    if (!n) return undefined;
    return { title, preferred, edits: [{ range: this.rangeOfNode(n), newText }] };
  }
}

/** Fixes are built only when an editor asks for them: most diagnostics are never fixed. */
function lazyFix(title: string, preferred: boolean, compute: () => TextEdit[]): ManifestFix {
  let edits: TextEdit[] | undefined;
  return {
    title,
    preferred,
    get edits() {
      return (edits ??= compute());
    },
  };
}

/** The properties of an object node as [key, value node, key node]; properties without a value are skipped. */
export function properties(n: jsonc.Node | undefined): [string, jsonc.Node, jsonc.Node][] {
  if (!n || n.type !== 'object') return [];
  const out: [string, jsonc.Node, jsonc.Node][] = [];
  // The JSON service's AST keeps keyNode/valueNode on each property: cheaper than its `children` getter.
  const props = (n as unknown as { properties?: { keyNode: jsonc.Node; valueNode?: jsonc.Node }[] }).properties;
  if (props) {
    for (const p of props) if (p.valueNode) out.push([String(p.keyNode.value), p.valueNode, p.keyNode]);
    return out;
  }
  for (const prop of n.children ?? []) {
    const c = prop.children;
    if (c && c.length === 2) out.push([String(c[0].value), c[1], c[0]]);
  }
  return out;
}

/** The closest known word, if it is close enough to be a typo. */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  const limit = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
  if (best && bestD <= limit && bestD > 0) return best;
  if (best && bestD === 0 && best !== word) return best; // differs only in case
  return undefined;
}
