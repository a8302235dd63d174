// JSON Schema validation of a manifest with vscode-json-languageservice, the engine VS Code's own JSON support
// uses, so the CLI and the editor report the same schema findings with the same wording.
import * as jsonc from 'jsonc-parser';
import { DiagnosticSeverity, ErrorCode, JSONSchema } from 'vscode-json-languageservice';
import { jsonService, validatorFor } from './jsonService';
import { ManifestDiagnostic, toPointer } from './manifestDiagnostic';
import { ManifestDocument, isObject } from './manifestDocument';

/** Syntax findings (our own parser reports them) and unsupported-keyword notes are not schema findings. */
function isSyntaxCode(code: unknown): boolean {
  return typeof code === 'number' && code >= ErrorCode.UnexpectedEndOfComment && code <= ErrorCode.SchemaUnsupportedFeature;
}

export async function validateAgainstSchema(doc: ManifestDocument): Promise<ManifestDiagnostic[]> {
  const { textDocument, jsonDocument } = doc;
  const settings = { comments: 'ignore', trailingCommas: 'ignore', schemaValidation: 'error', schemaRequest: 'warning' } as const;
  // The fast path: a service whose schema is already resolved. A document whose own "$schema" names another
  // (unknown) URL would make the service try to load that one, so it is validated against the chosen schema explicitly.
  const declared = isObject(doc.value) ? doc.value.$schema : undefined;
  const found =
    declared === undefined || declared === doc.schema.uri
      ? await validatorFor(doc.schema.uri, doc.schema.schema).doValidation(textDocument, jsonDocument, settings)
      : await jsonService().doValidation(textDocument, jsonDocument, settings, { ...(doc.schema.schema as JSONSchema), id: doc.schema.uri });
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
