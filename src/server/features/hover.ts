// Hover: the schema's documentation for the key or value under the cursor (vscode-json-languageservice).
import type { Hover, Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentState } from '../manifestAnalyzer';
import { serviceFor } from '../schemaServices';

export async function hover(doc: TextDocument, position: Position, state: DocumentState): Promise<Hover | null> {
  const document = state.report.document;
  // VS Code already shows its own schema's hover for .vscode/mcp.json.
  if (!document || state.hostValidatesSchema) return null;
  const ls = serviceFor(document.schema);
  const result = await ls.doHover(doc, position, ls.parseJSONDocument(doc));
  if (!result) return null;
  const schemaNote = `\n\n*${document.schema.label}*`;
  const contents = result.contents;
  if (Array.isArray(contents)) return { ...result, contents: [...contents, schemaNote.trim()] };
  if (typeof contents === 'object' && 'kind' in contents) return { ...result, contents: { kind: contents.kind, value: contents.value + schemaNote } };
  return { ...result, contents: [contents, schemaNote.trim()] } as Hover;
}
