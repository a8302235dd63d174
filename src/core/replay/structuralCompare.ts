// Structural comparison of two JSON values: object key order never matters, arrays compare by position, numbers
// within tolerance are equal, ignored paths are skipped. Returns every difference with its path.
import { CompareRules } from './compareRules';
import { formatPath, PathSegment } from './jsonPath';
import { clip } from '../traffic/preview';

export type DifferenceKind = 'changed' | 'missing' | 'added' | 'type';

export interface Difference {
  /** Where, written like an ignore path: `result.content[0].text`. */
  path: string;
  kind: DifferenceKind;
  /** The recorded value (absent for 'added'). */
  expected?: unknown;
  /** The new value (absent for 'missing'). */
  actual?: unknown;
}

/** At most this many differences per comparison: a rewritten answer does not need 10,000 lines to say so. */
export const MAX_DIFFERENCES = 200;

export function compareJson(expected: unknown, actual: unknown, rules: CompareRules = new CompareRules(), root: PathSegment[] = []): Difference[] {
  const out: Difference[] = [];
  walk(expected, actual, root, rules, out);
  return out;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function walk(e: unknown, a: unknown, path: PathSegment[], rules: CompareRules, out: Difference[]): void {
  if (out.length >= MAX_DIFFERENCES) return;
  if (path.length && rules.isIgnored(path)) return;
  if (path.length && rules.isVolatileKey(path[path.length - 1])) return;
  const te = typeOf(e);
  const ta = typeOf(a);
  if (te !== ta) {
    out.push({ path: formatPath(path), kind: 'type', expected: e, actual: a });
    return;
  }
  if (te === 'number') {
    if (!rules.numbersEqual(path, e as number, a as number)) out.push({ path: formatPath(path), kind: 'changed', expected: e, actual: a });
    return;
  }
  if (te === 'string') {
    if (e !== a && !rules.sameVolatileKind(e as string, a as string)) out.push({ path: formatPath(path), kind: 'changed', expected: e, actual: a });
    return;
  }
  if (te === 'array') {
    const ea = e as unknown[];
    const aa = a as unknown[];
    const n = Math.max(ea.length, aa.length);
    for (let i = 0; i < n && out.length < MAX_DIFFERENCES; i++) {
      const p = [...path, i];
      if (i >= aa.length) {
        if (!rules.isIgnored(p)) out.push({ path: formatPath(p), kind: 'missing', expected: ea[i] });
      } else if (i >= ea.length) {
        if (!rules.isIgnored(p)) out.push({ path: formatPath(p), kind: 'added', actual: aa[i] });
      } else walk(ea[i], aa[i], p, rules, out);
    }
    return;
  }
  if (te === 'object') {
    const eo = e as Record<string, unknown>;
    const ao = a as Record<string, unknown>;
    for (const k of Object.keys(eo)) {
      if (out.length >= MAX_DIFFERENCES) return;
      const p = [...path, k];
      if (!Object.prototype.hasOwnProperty.call(ao, k)) {
        if (!rules.isIgnored(p)) out.push({ path: formatPath(p), kind: 'missing', expected: eo[k] });
      } else walk(eo[k], ao[k], p, rules, out);
    }
    for (const k of Object.keys(ao)) {
      if (out.length >= MAX_DIFFERENCES) return;
      if (Object.prototype.hasOwnProperty.call(eo, k)) continue;
      const p = [...path, k];
      if (!rules.isIgnored(p)) out.push({ path: formatPath(p), kind: 'added', actual: ao[k] });
    }
    return;
  }
  if (e !== a) out.push({ path: formatPath(path), kind: 'changed', expected: e, actual: a });
}

/** One line per difference, for reports and test messages. */
export function describeDifference(d: Difference): string {
  const show = (v: unknown) => {
    const s = JSON.stringify(v);
    return s === undefined ? 'undefined' : clip(s, 120);
  };
  switch (d.kind) {
    case 'missing':
      return `${d.path}: missing (was ${show(d.expected)})`;
    case 'added':
      return `${d.path}: added ${show(d.actual)}`;
    case 'type': {
      // null names its own type: "now null", not "now null null".
      const typed = (v: unknown) => (v === null ? 'null' : `${typeOf(v)} ${show(v)}`);
      return `${d.path}: was ${typed(d.expected)}, now ${typed(d.actual)}`;
    }
    default:
      return `${d.path}: ${show(d.expected)} -> ${show(d.actual)}`;
  }
}
