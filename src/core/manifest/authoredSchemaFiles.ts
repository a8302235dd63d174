// The schemas this project writes itself, as the files published under schemas/ (one per server.json date
// and per client format). The unit test keeps schemas/ in step; UPDATE_SCHEMAS=1 rewrites it.
import { clientConfigSchema } from './clientConfigSchemas';
import { CLIENT_FORMATS, ClientKind } from './clientFormats';
import { SERVER_JSON_VERSIONS, serverJsonSchema } from './serverJsonSchemas';

export function authoredSchemaFiles(): { name: string; content: string }[] {
  const files: { name: string; content: string }[] = [];
  for (const v of [...SERVER_JSON_VERSIONS, 'draft' as const]) files.push({ name: `server-json/${v}.schema.json`, content: JSON.stringify(serverJsonSchema(v), null, 2) + '\n' });
  for (const k of Object.keys(CLIENT_FORMATS) as ClientKind[]) files.push({ name: `clients/${k}.schema.json`, content: JSON.stringify(clientConfigSchema(k), null, 2) + '\n' });
  return files;
}
