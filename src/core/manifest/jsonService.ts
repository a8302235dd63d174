// vscode-json-languageservice instances: one for parsing, and one per bundled schema for validation, each
// configured once so its resolved schema is cached between keystrokes. Everything is served offline.
import { JSONSchema, LanguageService, getLanguageService } from 'vscode-json-languageservice';
import { allSchemas } from './schemaCatalog';

let bundled: Map<string, unknown> | undefined;

function requestBundled(uri: string): Promise<string> {
  bundled ??= new Map(allSchemas().map((s) => [s.uri, s.schema]));
  const s = bundled.get(uri);
  return s ? Promise.resolve(JSON.stringify(s)) : Promise.reject(new Error(`schema ${uri} is not bundled`));
}

let parser: LanguageService | undefined;

/** A service for parsing (no schema). */
export function jsonService(): LanguageService {
  parser ??= getLanguageService({ schemaRequestService: requestBundled });
  return parser;
}

const validators = new Map<string, LanguageService>();

/** A service whose every document is associated with this one schema. */
export function validatorFor(uri: string, schema: unknown): LanguageService {
  let ls = validators.get(uri);
  if (!ls) {
    ls = getLanguageService({ schemaRequestService: requestBundled });
    ls.configure({ validate: true, allowComments: true, schemas: [{ uri, fileMatch: ['*'], schema: schema as JSONSchema }] });
    validators.set(uri, ls);
  }
  return ls;
}
