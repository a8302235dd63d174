// JSON Schema validation of a manifest with vscode-json-languageservice, the engine VS Code's own JSON support
// uses, so the CLI and the editor report the same schema findings with the same wording.
import * as jsonc from 'jsonc-parser';
import { DiagnosticSeverity, ErrorCode, JSONSchema, TextDocument, getLanguageService } from 'vscode-json-languageservice';
import { ManifestDiagnostic, toPointer } from './manifestDiagnostic';
import type { ManifestDocument } from './manifestDocument';
import { allSchemas } from './schemaCatalog';

let service: ReturnType<typeof getLanguageService> | undefined;

function languageService(): ReturnType<typeof getLanguageService> {
  if (!service) {
    const bundled = new Map(allSchemas().map((s) => [s.uri, s.schema]));
    service = getLanguageService({
      // Offline: $ref between bundled schemas resolves from memory, anything else is refused.
      schemaRequestService: (uri) => {
        const s = bundled.get(uri);
        return s ? Promise.resolve(JSON.stringify(s)) : Promise.reject(new Error(`schema ${uri} is not bundled`));
      },
    });
    service.configure({ validate: true, allowComments: true });
  }
  return service;
}

/** Syntax findings (our own parser reports them) and unsupported-keyword notes are not schema findings. */
function isSyntaxCode(code: unknown): boolean {
  return typeof code === 'number' && code >= ErrorCode.UnexpectedEndOfComment && code <= ErrorCode.SchemaUnsupportedFeature;
}

export async function validateAgainstSchema(doc: ManifestDocument): Promise<ManifestDiagnostic[]> {
  const ls = languageService();
  const textDocument = TextDocument.create('mcp-workbench://validate/' + encodeURIComponent(doc.file), 'json', 1, doc.text);
  const jsonDocument = ls.parseJSONDocument(textDocument);
  const schema = { ...(doc.schema.schema as JSONSchema), id: doc.schema.uri };
  const found = await ls.doValidation(
    textDocument,
    jsonDocument,
    { comments: 'ignore', trailingCommas: 'ignore', schemaValidation: 'error', schemaRequest: 'warning' },
    schema,
  );
  const out: ManifestDiagnostic[] = [];
  for (const d of found) {
    if (isSyntaxCode(d.code)) continue;
    const offset = textDocument.offsetAt(d.range.start);
    const node = doc.root ? jsonc.findNodeAtOffset(doc.root, offset, true) : undefined;
    // A finding on a key (e.g. "Property x is not allowed") belongs to the property, not to the key string.
    const at = node?.parent?.type === 'property' && node.parent.children?.[0] === node ? node.parent.children[1] ?? node : node;
    out.push({
      code: 'schema',
      severity: d.severity === DiagnosticSeverity.Warning ? 'warning' : d.severity === DiagnosticSeverity.Information ? 'info' : d.severity === DiagnosticSeverity.Hint ? 'hint' : 'error',
      message: typeof d.message === 'string' ? d.message : d.message.value,
      path: at ? toPointer(jsonc.getNodePath(at)) : '',
      range: { start: d.range.start, end: d.range.end },
      source: 'schema',
    });
  }
  return out;
}
