// Completion: the schema's keys, enum values and snippets (vscode-json-languageservice), plus what the schema
// cannot know: ${input:...} ids of this file and environment variable names.
import * as jsonc from 'jsonc-parser';
import { CompletionItem, CompletionItemKind, CompletionList, InsertTextFormat, Position, Range } from 'vscode-languageserver/node';
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
  if (document && kind && kind !== 'server-json' && kind !== 'mcpb') items.push(...serverSnippets(doc, position, CLIENT_FORMATS[kind as ClientKind]));
  if (!document || state.hostValidatesSchema) return { isIncomplete: false, items };
  const ls = serviceFor(document.schema);
  const list = await ls.doComplete(doc, position, ls.parseJSONDocument(doc));
  return { isIncomplete: list?.isIncomplete ?? false, items: [...items, ...(list?.items ?? [])] };
}

/** "New stdio server" / "New HTTP server" snippets where a server name is typed inside the servers object. */
function serverSnippets(doc: TextDocument, position: Position, f: (typeof CLIENT_FORMATS)[ClientKind]): CompletionItem[] {
  const text = doc.getText();
  const offset = doc.offsetAt(position);
  const loc = jsonc.getLocation(text, offset);
  if (!loc.isAtPropertyKey || loc.path.length !== 2 || loc.path[0] !== f.rootKey) return [];
  // Replace the key being typed, quotes included, so the snippet brings its own.
  const prev = loc.previousNode;
  const range = prev && prev.type === 'string' && offset >= prev.offset && offset <= prev.offset + prev.length ? Range.create(doc.positionAt(prev.offset), doc.positionAt(prev.offset + prev.length)) : Range.create(position, position);
  const out: CompletionItem[] = [];
  const stdio = f.kind === 'zed' ? '"${1:name}": {\n\t"command": "${2:node}",\n\t"args": [${3}]\n}' : `"\${1:name}": {\n${f.types?.includes('stdio') && f.kind === 'vscode-mcp' ? '\t"type": "stdio",\n' : ''}\t"command": "\${2:node}",\n\t"args": [\${3}]\n}`;
  out.push({ label: 'New stdio server', kind: CompletionItemKind.Snippet, detail: `${f.docs}: a local command`, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: stdio }, sortText: '0' });
  if (f.urlKey) {
    const type = f.kind === 'vscode-mcp' || f.kind === 'claude-code' ? '\t"type": "http",\n' : '';
    out.push({ label: 'New HTTP server', kind: CompletionItemKind.Snippet, detail: `${f.docs}: a remote URL`, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: `"\${1:name}": {\n${type}\t"${f.urlKey}": "\${2:https://example.com/mcp}"\n}` }, sortText: '0' });
  }
  return out;
}
