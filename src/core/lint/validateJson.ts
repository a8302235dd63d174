// JSON Schema validation without code generation (@cfworker/json-schema interprets schemas), so the same
// check runs in the extension host, the CLI and the webview under a CSP that forbids eval.
import { Validator, type OutputUnit, type Schema, type SchemaDraft } from '@cfworker/json-schema';

/** Keywords whose failure only repeats a deeper, more precise error. */
const WRAPPER_KEYWORDS = new Set(['properties', 'items', 'prefixItems', 'allOf', '$ref', '$dynamicRef', 'additionalItems', 'patternProperties', 'dependentSchemas', 'then', 'else', 'if']);

/** The draft a schema declares with `$schema`; MCP's default (2025-11-25) is 2020-12. */
export function draftOf(schema: unknown): SchemaDraft {
  const s = schema && typeof schema === 'object' ? String((schema as { $schema?: unknown }).$schema ?? '') : '';
  if (s.includes('draft-04')) return '4';
  if (s.includes('draft-07') || s.includes('draft-06')) return '7';
  if (s.includes('2019-09')) return '2019-09';
  return '2020-12';
}

/** The most precise errors of a validation (drops the wrappers that only say "a property failed"). */
export function leafErrors(errors: OutputUnit[]): OutputUnit[] {
  const leaves = errors.filter((e) => !WRAPPER_KEYWORDS.has(e.keyword));
  return leaves.length ? leaves : errors;
}

/** Validates a value; returns `pointer: message` lines (pointer `/` for the root), empty when valid. */
export function validateValue(schema: unknown, value: unknown): string[] {
  if (schema === undefined || schema === null) return [];
  try {
    const r = new Validator(schema as Schema, draftOf(schema), false).validate(value);
    if (r.valid) return [];
    return leafErrors(r.errors).map((e) => `${pointerOf(e.instanceLocation)}: ${e.error}`);
  } catch (err) {
    return [`the schema cannot be used: ${(err as Error).message}`];
  }
}

function pointerOf(loc: string): string {
  const p = loc.replace(/^#/, '');
  return p === '' ? '/' : p;
}
