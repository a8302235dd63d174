// Which parts of a tool's inputSchema a generated form (the inspector's, and most clients') cannot render
// faithfully, and whether the schema is usable at all (MCP requires an object schema).
import type { LintFinding } from './lintTypes';

/** Keywords the form ignores or cannot express as inputs; the raw JSON editor still accepts such values. */
const UNRENDERABLE: Record<string, string> = {
  patternProperties: 'properties matched by pattern cannot be listed as form fields',
  prefixItems: 'tuple items (prefixItems) render as a plain list',
  not: '"not" constraints are only checked, never shown',
  dependentSchemas: 'dependentSchemas are not shown as conditional fields',
  $dynamicRef: '$dynamicRef is not resolved by the form',
  unevaluatedProperties: 'unevaluatedProperties is not applied by the form',
  contains: '"contains" constraints are only checked, never shown',
  propertyNames: 'propertyNames is only checked, never shown',
};

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Resolves a local JSON pointer ref (#/...) against the root; undefined if it does not resolve. */
export function resolveLocalRef(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Json)[key];
    if (cur === undefined) return undefined;
  }
  return cur;
}

export function schemaFindings(toolName: string, schema: unknown, field: 'inputSchema' | 'outputSchema' = 'inputSchema'): LintFinding[] {
  const out: LintFinding[] = [];
  if (!isObject(schema)) {
    if (field === 'inputSchema') out.push({ code: 'schema-invalid', severity: 'error', tool: toolName, path: `/${field}`, message: `The ${field} is missing or not an object; clients cannot build arguments for this tool.` });
    return out;
  }
  if (schema.type !== 'object') {
    out.push({ code: 'schema-invalid', severity: 'error', tool: toolName, path: `/${field}/type`, message: `The ${field} must have "type": "object" (found ${JSON.stringify(schema.type)}).` });
  }
  if (field !== 'inputSchema') return out;
  const reported = new Set<string>();
  const walk = (node: unknown, path: string, depth: number) => {
    if (depth > 64) return;
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`, depth + 1));
    if (!isObject(node)) return;
    for (const [k, why] of Object.entries(UNRENDERABLE)) {
      if (node[k] !== undefined && !reported.has(`${k}@${path}`)) {
        reported.add(`${k}@${path}`);
        out.push({ code: 'schema-not-renderable', severity: 'info', tool: toolName, path: `${path}/${k}`, message: `${path || '/'}: ${why}; use the JSON editor for such values.` });
      }
    }
    if (typeof node.$ref === 'string') {
      if (!node.$ref.startsWith('#')) {
        out.push({ code: 'schema-not-renderable', severity: 'warning', tool: toolName, path: `${path}/$ref`, message: `${path || '/'}: the external reference "${node.$ref}" cannot be fetched (clients work offline and must not follow it).` });
      } else if (resolveLocalRef(schema, node.$ref) === undefined) {
        out.push({ code: 'schema-invalid', severity: 'error', tool: toolName, path: `${path}/$ref`, message: `${path || '/'}: "$ref": "${node.$ref}" points nowhere in the schema.` });
      }
    }
    if (Array.isArray(node.type)) {
      const real = node.type.filter((t) => t !== 'null');
      if (real.length > 1) {
        out.push({ code: 'schema-not-renderable', severity: 'info', tool: toolName, path: `${path}/type`, message: `${path || '/'}: a value of several types (${real.join(', ')}) is edited as the first one; use oneOf with titles for a choice.` });
      }
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples') continue;
      walk(v, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
    }
  };
  walk(schema, `/${field}`, 0);
  return out;
}
