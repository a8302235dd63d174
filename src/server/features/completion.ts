// Completion: the schema's keys, enum values and snippets (vscode-json-languageservice), plus what the schema
// cannot know: ${input:...} ids of this file and environment variable names.
import { CompletionItem, CompletionItemKind, CompletionList, Position, Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CLIENT_FORMATS, ClientKind } from '../../core/manifest/clientFormats';
import { isObject } from '../../core/manifest/manifestDocument';
import type { DocumentState } from '../manifestAnalyzer';
import { serviceFor } from '../schemaServices';

/** `${input:` / `${env:` / `${` being typed inside a string, with the partial name after it. */
function variablePrefix(line: string): { kind: 'input' | 'env' | 'bare'; typed: string; start: number } | undefined {
  const m = /\$\{(input:|env:)?([\w.-]*)$/.exec(line);
  if (!m) return undefined;
  const kind = m[1] === 'input:' ? 'input' : m[1] === 'env:' ? 'env' : 'bare';
  return { kind, typed: m[2], start: line.length - m[2].length };
}

export async function complete(doc: TextDocument, position: Position, state: DocumentState, envNames: () => string[]): Promise<CompletionList> {
  const items: CompletionItem[] = [];
  const line = doc.getText({ start: { line: position.line, character: 0 }, end: position });
  const kind = state.report.kind;
  const v = variablePrefix(line);
  if (v && kind && kind !== 'server-json' && kind !== 'mcpb') {
    const range = Range.create(position.line, v.start, position.line, position.character);
    const close = doc.getText(Range.create(position, { line: position.line, character: position.character + 1 })) === '}' ? '' : '}';
    const value = state.report.document?.value;
    if ((v.kind === 'input' || v.kind === 'bare') && kind === 'vscode-mcp' && isObject(value) && Array.isArray(value.inputs)) {
      for (const input of value.inputs) {
        if (!isObject(input) || typeof input.id !== 'string') continue;
        items.push({
          label: v.kind === 'bare' ? `input:${input.id}` : input.id,
          kind: CompletionItemKind.Variable,
          detail: typeof input.description === 'string' ? input.description : 'input',
          textEdit: { range, newText: `${v.kind === 'bare' ? 'input:' : ''}${input.id}${close}` },
          sortText: '0',
        });
      }
    }
    const f = CLIENT_FORMATS[kind as ClientKind];
    const envPrefix = v.kind === 'bare' ? (f.envRef?.('X') === '${env:X}' ? 'env:' : f.envRef?.('X') === '${X}' ? '' : undefined) : v.kind === 'env' ? '' : undefined;
    if (envPrefix !== undefined) {
      for (const name of envNames()) {
        items.push({ label: `${envPrefix}${name}`, kind: CompletionItemKind.Constant, detail: 'environment variable', textEdit: { range, newText: `${envPrefix}${name}${close}` }, sortText: '1' });
      }
    }
    return { isIncomplete: false, items };
  }
  const document = state.report.document;
  if (!document || state.hostValidatesSchema) return { isIncomplete: false, items };
  const ls = serviceFor(document.schema);
  const list = await ls.doComplete(doc, position, ls.parseJSONDocument(doc));
  return { isIncomplete: list?.isIncomplete ?? false, items: [...items, ...(list?.items ?? [])] };
}
