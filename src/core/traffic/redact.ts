// Secret redaction for traces: a secret becomes "<redacted:" + the first 8 hex digits of its SHA-256 + ">", so equal
// secrets stay comparable across a trace without being readable. Applied by TraceWriter to every line it writes.
import { createHash } from 'node:crypto';

export interface RedactOptions {
  /** Exact values that must never appear in clear (env values, secret header values, tokens we hold). */
  secrets?: Iterable<string>;
  /** Object keys whose string values are always secret (case-insensitive). */
  secretKeys?: RegExp;
}

/** Header and field names whose values are credentials. */
export const DEFAULT_SECRET_KEYS = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|.*[-_]token|token|access_token|refresh_token|id_token|client_secret|password|passwd|secret|.*[-_]secret|mcp-session-id|x-auth-token)$/i;

// Values that look like credentials wherever they appear: "Bearer x", JWTs, well-known vendor key shapes.
const TOKEN_PATTERNS: RegExp[] = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g,
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  /\b(sk|pk|rk)-[A-Za-z0-9_-]{16,}/g,
  /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g,
];
// Cheap pre-check so that ordinary strings skip the regexes above.
const MAYBE_TOKEN = /Bearer|Basic|eyJ|sk-|pk-|rk-|gh[pousr]_|github_pat_|xox|AKIA|AIza/;
// A JSON text holds a key that DEFAULT_SECRET_KEYS could match (a superset: a false alarm only costs a full walk).
// Anchored at the key's end with a look-behind for its start or a separator, so that ordinary keys such as
// "progressToken" cost one quick scan and no backtracking.
const MAYBE_SECRET_KEY_IN_JSON = /(?<=["_-])(?:authorization|cookie|api[-_]?key|token|secret|password|passwd|session-id)"\s*:/i;

export function redactedMarker(secret: string): string {
  return `<redacted:${createHash('sha256').update(secret).digest('hex').slice(0, 8)}>`;
}

/** Redacts strings and nested values; returns a copy, never mutates. */
export class Redactor {
  private readonly secrets: string[];
  /** The secrets as they appear inside a JSON string literal (quotes and backslashes escaped). */
  private jsonSecrets: string[];
  private readonly secretKeys: RegExp;
  private readonly defaultKeys: boolean;

  constructor(options: RedactOptions = {}) {
    // Longest first so that a secret containing another is replaced whole. Very short values are not worth hiding
    // (and would mangle ordinary text): env values like "1" or "true".
    this.secrets = [...new Set(options.secrets ?? [])].filter((s) => s.length >= 6).sort((a, b) => b.length - a.length);
    this.jsonSecrets = this.secrets.map(jsonEscaped);
    this.secretKeys = options.secretKeys ?? DEFAULT_SECRET_KEYS;
    this.defaultKeys = !options.secretKeys;
  }

  addSecret(secret: string): void {
    if (secret.length < 6 || this.secrets.includes(secret)) return;
    this.secrets.push(secret);
    this.secrets.sort((a, b) => b.length - a.length);
    this.jsonSecrets = this.secrets.map(jsonEscaped);
  }

  /**
   * The value as one line of JSON with secrets redacted. The fast path: serialise once and scan the text; only
   * when it may hold a secret (a known value, a token shape, a secret-looking key) walk and copy the value.
   */
  json(value: unknown): string {
    const text = JSON.stringify(value);
    if (!this.mayHoldSecret(text)) return text;
    return JSON.stringify(this.value(value));
  }

  private mayHoldSecret(text: string): boolean {
    if (!this.defaultKeys || MAYBE_TOKEN.test(text) || MAYBE_SECRET_KEY_IN_JSON.test(text)) return true;
    for (const s of this.jsonSecrets) if (text.includes(s)) return true;
    return false;
  }

  isSecretKey(key: string): boolean {
    return this.secretKeys.test(key);
  }

  string(s: string): string {
    let out = s;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(redactedMarker(secret));
    if (MAYBE_TOKEN.test(out)) {
      for (const re of TOKEN_PATTERNS) out = out.replace(re, (m) => (m.startsWith('<redacted:') ? m : redactedMarker(m)));
    }
    return out;
  }

  value<T>(v: T): T {
    return this.walk(v, undefined) as T;
  }

  /** Every value of the record is secret (env of a stdio server). */
  allValues(record: Record<string, string> | undefined): Record<string, string> | undefined {
    if (!record) return undefined;
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v === '' ? v : redactedMarker(v)]));
  }

  private walk(v: unknown, key: string | undefined): unknown {
    if (typeof v === 'string') {
      if (key !== undefined && v !== '' && this.secretKeys.test(key)) return v.startsWith('<redacted:') ? v : redactedMarker(v);
      return this.string(v);
    }
    if (Array.isArray(v)) return v.map((x) => this.walk(x, undefined));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = this.walk(x, k);
      return out;
    }
    return v;
  }
}

function jsonEscaped(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** One-shot redaction with default rules plus the given secrets. */
export function redact<T>(value: T, options?: RedactOptions): T {
  return new Redactor(options).value(value);
}
