// vscode-json-languageservice instances for hover and completion, one per bundled schema: a document is
// served by the instance of the schema the core chose for it, so no file-pattern association is needed.
import { JSONSchema, LanguageService, getLanguageService } from 'vscode-json-languageservice';
import { allSchemas } from '../core/manifest/schemaCatalog';
import type { SchemaChoice } from '../core/manifest/schemaCatalog';

const bundled = new Map(allSchemas().map((s) => [s.uri, s.schema]));
const services = new Map<string, LanguageService>();

function requestBundled(uri: string): Promise<string> {
  const s = bundled.get(uri);
  return s ? Promise.resolve(JSON.stringify(s)) : Promise.reject(new Error(`${uri} is not a bundled schema`));
}

export function serviceFor(choice: SchemaChoice): LanguageService {
  let ls = services.get(choice.uri);
  if (!ls) {
    ls = getLanguageService({ schemaRequestService: requestBundled, clientCapabilities: { textDocument: { completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], commitCharactersSupport: true } }, hover: { contentFormat: ['markdown', 'plaintext'] } } } });
    ls.configure({ validate: false, allowComments: true, schemas: [{ uri: choice.uri, fileMatch: ['*'], schema: choice.schema as JSONSchema }] });
    services.set(choice.uri, ls);
  }
  return ls;
}
