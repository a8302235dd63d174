// What a structural comparison leaves out or loosens: ignored paths, volatile keys and values, numeric tolerance.
// Rules come from the command line, a setting or `.mcpworkbench.json`, and are merged with mergeRules().
import { matchesPath, parsePathPattern, PathPattern, PathSegment } from './jsonPath';

export interface ToleranceRule {
  path: string;
  /** |expected - actual| <= absolute passes. */
  absolute?: number;
  /** |expected - actual| <= relative * |expected| passes. */
  relative?: number;
}

/** The serializable form (config files, settings, CLI flags). */
export interface CompareRuleSpec {
  /** Paths whose values (and presence) are not compared, e.g. `result.content[*].text`. */
  ignore?: string[];
  /** Object keys whose values may differ anywhere (both sides must still have them), e.g. `timestamp`. */
  volatileKeys?: string[];
  /** Treat two ISO timestamps, two UUIDs, or two values of a volatile key as equal (default true). */
  volatile?: boolean;
  /** Default absolute tolerance for every number (default 0). */
  numericTolerance?: number;
  /** Per-path tolerances; the first matching one wins over numericTolerance. */
  tolerances?: ToleranceRule[];
}

/** Keys whose values are volatile in most servers' answers. */
export const DEFAULT_VOLATILE_KEYS = ['timestamp', 'createdAt', 'updatedAt', 'lastUpdatedAt', 'expiresAt', 'taskId', 'sessionId', 'requestId'];

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class CompareRules {
  readonly ignore: PathPattern[];
  readonly volatileKeys: Set<string>;
  readonly volatile: boolean;
  readonly numericTolerance: number;
  private readonly tolerances: Array<{ pattern: PathPattern; rule: ToleranceRule }>;

  /** Throws PathSyntaxError / RangeError with a one-sentence message on a bad rule. */
  constructor(readonly spec: CompareRuleSpec = {}) {
    this.ignore = (spec.ignore ?? []).map(parsePathPattern);
    this.volatile = spec.volatile ?? true;
    this.volatileKeys = new Set(this.volatile ? [...DEFAULT_VOLATILE_KEYS, ...(spec.volatileKeys ?? [])] : (spec.volatileKeys ?? []));
    this.numericTolerance = checkTolerance(spec.numericTolerance ?? 0, 'numericTolerance');
    this.tolerances = (spec.tolerances ?? []).map((rule) => {
      if (rule.absolute !== undefined) checkTolerance(rule.absolute, `the tolerance of ${rule.path}`);
      if (rule.relative !== undefined) checkTolerance(rule.relative, `the relative tolerance of ${rule.path}`);
      return { pattern: parsePathPattern(rule.path), rule };
    });
  }

  isIgnored(path: readonly PathSegment[]): boolean {
    for (const p of this.ignore) if (matchesPath(p, path)) return true;
    return false;
  }

  isVolatileKey(key: PathSegment | undefined): boolean {
    return typeof key === 'string' && this.volatileKeys.has(key);
  }

  /** Two strings that are both timestamps or both UUIDs are "the same kind of volatile value". */
  sameVolatileKind(a: string, b: string): boolean {
    if (!this.volatile) return false;
    return (ISO_TIMESTAMP.test(a) && ISO_TIMESTAMP.test(b)) || (UUID.test(a) && UUID.test(b));
  }

  numbersEqual(path: readonly PathSegment[], expected: number, actual: number): boolean {
    if (expected === actual) return true;
    for (const { pattern, rule } of this.tolerances) {
      if (!matchesPath(pattern, path)) continue;
      const diff = Math.abs(expected - actual);
      return (rule.absolute !== undefined && diff <= rule.absolute) || (rule.relative !== undefined && diff <= rule.relative * Math.abs(expected));
    }
    return Math.abs(expected - actual) <= this.numericTolerance;
  }
}

function checkTolerance(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`${what} must be a non-negative number, not ${JSON.stringify(v)}.`);
  return v;
}

/** Later specs add to earlier ones (ignore lists concatenate); scalar settings of later specs win. */
export function mergeRules(...specs: Array<CompareRuleSpec | undefined>): CompareRuleSpec {
  const out: CompareRuleSpec = {};
  for (const s of specs) {
    if (!s) continue;
    if (s.ignore) out.ignore = [...(out.ignore ?? []), ...s.ignore];
    if (s.volatileKeys) out.volatileKeys = [...(out.volatileKeys ?? []), ...s.volatileKeys];
    if (s.tolerances) out.tolerances = [...(s.tolerances ?? []), ...(out.tolerances ?? [])];
    if (s.volatile !== undefined) out.volatile = s.volatile;
    if (s.numericTolerance !== undefined) out.numericTolerance = s.numericTolerance;
  }
  return out;
}
