// Outline: the servers of a config (with their command or URL), or a server.json's packages and remotes.
import * as jsonc from 'jsonc-parser';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver/node';
import { CLIENT_FORMATS, ClientKind } from '../../core/manifest/clientFormats';
import { properties } from '../../core/manifest/manifestDocument';
import type { ManifestReport } from '../../core/manifest/validateManifest';

function describe(n: jsonc.Node | undefined): string | undefined {
  if (!n || n.type !== 'object') return undefined;
  const v = jsonc.getNodeValue(n) as Record<string, unknown>;
  if (typeof v.command === 'string') return [v.command, ...(Array.isArray(v.args) ? v.args.map(String) : [])].join(' ');
  for (const k of ['url', 'serverUrl', 'httpUrl']) if (typeof v[k] === 'string') return v[k] as string;
  if (typeof v.identifier === 'string') return `${String(v.registryType ?? '')} ${v.identifier}`.trim();
  return undefined;
}

export function documentSymbols(report: ManifestReport): DocumentSymbol[] {
  const doc = report.document;
  if (!doc?.root || doc.root.type !== 'object') return [];
  const range = (n: jsonc.Node): DocumentSymbol['range'] => ({ start: doc.lines.positionAt(n.offset), end: doc.lines.positionAt(n.offset + n.length) });
  const symbol = (name: string, kind: SymbolKind, whole: jsonc.Node, key: jsonc.Node, detail?: string, children?: DocumentSymbol[]): DocumentSymbol => ({
    name: name || '(empty)',
    kind,
    detail,
    range: range(whole),
    selectionRange: range(key),
    children,
  });
  const out: DocumentSymbol[] = [];
  if (report.kind === 'server-json' || report.kind === 'mcpb') {
    for (const [key, value, keyNode] of properties(doc.root)) {
      const whole = value.parent ?? value;
      if (value.type === 'array' && (key === 'packages' || key === 'remotes')) {
        const items = (value.children ?? []).map((item, i) => symbol(`${key}[${i}]`, key === 'packages' ? SymbolKind.Package : SymbolKind.Interface, item, item, describe(item) ?? describe(item.children?.find((c) => c.children?.[0]?.value === 'transport')?.children?.[1])));
        out.push(symbol(key, SymbolKind.Array, whole, keyNode, `${items.length}`, items));
      } else if (key === 'server' && value.type === 'object') {
        out.push(symbol(key, SymbolKind.Module, whole, keyNode, describe(jsonc.findNodeAtLocation(value, ['mcp_config']))));
      } else {
        out.push(symbol(key, value.type === 'object' ? SymbolKind.Object : SymbolKind.Property, whole, keyNode, value.type === 'string' ? String(value.value) : undefined));
      }
    }
    return out;
  }
  const rootKey = report.kind ? CLIENT_FORMATS[report.kind as ClientKind]?.rootKey : undefined;
  for (const [key, value, keyNode] of properties(doc.root)) {
    const whole = value.parent ?? value;
    if (key === rootKey || (['servers', 'mcpServers', 'context_servers'].includes(key) && value.type === 'object')) {
      const servers = [...properties(value)].map(([name, entry, nameNode]) => symbol(name, SymbolKind.Module, entry.parent ?? entry, nameNode, describe(entry)));
      out.push(symbol(key, SymbolKind.Namespace, whole, keyNode, `${servers.length} server${servers.length === 1 ? '' : 's'}`, servers));
    } else if (key === 'inputs' && value.type === 'array') {
      const inputs = (value.children ?? []).map((item, i) => {
        const id = jsonc.findNodeAtLocation(item, ['id']);
        return symbol(typeof id?.value === 'string' ? id.value : `inputs[${i}]`, SymbolKind.Variable, item, id ?? item);
      });
      out.push(symbol(key, SymbolKind.Array, whole, keyNode, undefined, inputs));
    }
  }
  return out;
}
