// What a generated form sends: the developer's input, without what the form only pre-filled.
import { resolveLocalRef } from '../../core/lint/schemaRenderability';
import { stableJson } from '../../core/util/stableJson';

function resolveRef(node: unknown, root: Record<string, unknown>): Record<string, unknown> | undefined {
  let cur = node as Record<string, unknown> | undefined;
  for (let i = 0; i < 16 && cur && typeof cur.$ref === 'string'; i++) cur = resolveLocalRef(root, cur.$ref) as Record<string, unknown> | undefined;
  return cur && typeof cur === 'object' ? cur : undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Drops optional object fields the developer never touched (still equal to what the form pre-filled), so an
 * optional oneOf shown with its first branch selected is not sent half-filled.
 */
export function pruneUntouched(value: unknown, untouched: unknown, schema: unknown, root: Record<string, unknown>): unknown {
  const s = resolveRef(schema, root);
  if (!isPlainObject(value) || !isPlainObject(untouched) || !s) return value;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const props = isPlainObject(s.properties) ? s.properties : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!required.has(k) && isPlainObject(v) && stableJson(v) === stableJson(untouched[k])) continue;
    out[k] = pruneUntouched(v, untouched[k], props[k], root);
  }
  return out;
}
