// `.mcpworkbench.json`: per-workspace replay settings, found by walking up from a trace's folder.
//   {
//     "verify": {
//       "ignore": ["result.content[*].text", "**.etag"],
//       "volatileKeys": ["generatedAt"],
//       "volatile": true,
//       "numericTolerance": 0.001,
//       "tolerances": [{ "path": "result.structuredContent.temperature", "absolute": 0.5 }],
//       "timeoutMs": 30000,
//       "target": { "command": "node", "args": ["dist/server.js"], "cwd": "." }   // or { "url": "http://..." }
//     }
//   }
// Comments and trailing commas are allowed (JSONC). Relative `cwd` and args are resolved from the file's folder.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { ConnectTarget } from '../client/types';
import { CompareRules, CompareRuleSpec } from './compareRules';

export const CONFIG_FILE_NAME = '.mcpworkbench.json';

export interface VerifyConfig extends CompareRuleSpec {
  timeoutMs?: number;
  target?: ConnectTarget;
}

export interface WorkbenchConfig {
  file: string;
  verify: VerifyConfig;
}

export class ConfigError extends Error {}

/** The nearest `.mcpworkbench.json` at or above `dir` (stopping at `stopAt` when given). */
export function findConfigFile(dir: string, stopAt?: string): string | undefined {
  let d = resolve(dir);
  for (;;) {
    const f = join(d, CONFIG_FILE_NAME);
    if (existsSync(f)) return f;
    const up = dirname(d);
    if (up === d || (stopAt && resolve(stopAt) === d)) return undefined;
    d = up;
  }
}

export function loadConfigFile(file: string): WorkbenchConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`Cannot read ${file}: ${(e as Error).message}.`);
  }
  return parseConfig(text, file);
}

export function parseConfig(text: string, file: string): WorkbenchConfig {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true });
  if (errors.length) {
    const e = errors[0];
    const line = text.slice(0, e.offset).split('\n').length;
    throw new ConfigError(`${file} is not valid JSON: ${printParseErrorCode(e.error)} on line ${line}.`);
  }
  if (value === undefined || typeof value !== 'object' || Array.isArray(value) || value === null) throw new ConfigError(`${file} must hold a JSON object.`);
  const v = (value as { verify?: unknown }).verify ?? {};
  if (typeof v !== 'object' || Array.isArray(v) || v === null) throw new ConfigError(`"verify" in ${file} must be an object.`);
  const raw = v as Record<string, unknown>;
  const where = (key: string) => `"verify.${key}" in ${file}`;
  const stringList = (key: string): string[] | undefined => {
    const x = raw[key];
    if (x === undefined) return undefined;
    if (!Array.isArray(x) || x.some((s) => typeof s !== 'string')) throw new ConfigError(`${where(key)} must be a list of strings.`);
    return x as string[];
  };
  const known = new Set(['ignore', 'volatileKeys', 'volatile', 'numericTolerance', 'tolerances', 'timeoutMs', 'target']);
  for (const k of Object.keys(raw)) if (!known.has(k)) throw new ConfigError(`${where(k)} is not a known setting (known: ${[...known].join(', ')}).`);
  const verify: VerifyConfig = {
    ignore: stringList('ignore'),
    volatileKeys: stringList('volatileKeys'),
  };
  if (raw.volatile !== undefined) {
    if (typeof raw.volatile !== 'boolean') throw new ConfigError(`${where('volatile')} must be true or false.`);
    verify.volatile = raw.volatile;
  }
  if (raw.numericTolerance !== undefined) verify.numericTolerance = raw.numericTolerance as number;
  if (raw.tolerances !== undefined) {
    if (!Array.isArray(raw.tolerances) || raw.tolerances.some((t) => typeof t !== 'object' || t === null || typeof (t as { path?: unknown }).path !== 'string')) {
      throw new ConfigError(`${where('tolerances')} must be a list of { "path": ..., "absolute"?: n, "relative"?: n }.`);
    }
    verify.tolerances = raw.tolerances as VerifyConfig['tolerances'];
  }
  if (raw.timeoutMs !== undefined) {
    if (typeof raw.timeoutMs !== 'number' || !(raw.timeoutMs > 0)) throw new ConfigError(`${where('timeoutMs')} must be a positive number of milliseconds.`);
    verify.timeoutMs = raw.timeoutMs;
  }
  if (raw.target !== undefined) verify.target = parseTarget(raw.target, dirname(file), where('target'));
  try {
    new CompareRules(verify);
  } catch (e) {
    throw new ConfigError(`${file}: ${(e as Error).message}`);
  }
  return { file, verify };
}

function parseTarget(t: unknown, base: string, where: string): ConnectTarget {
  if (typeof t !== 'object' || t === null || Array.isArray(t)) throw new ConfigError(`${where} must be an object with "command" or "url".`);
  const o = t as Record<string, unknown>;
  if (typeof o.url === 'string') {
    const headers = o.headers as Record<string, string> | undefined;
    return { kind: 'http', url: o.url, transport: o.transport === 'sse' ? 'sse' : 'auto', headers };
  }
  if (typeof o.command !== 'string' || !o.command) throw new ConfigError(`${where} must name a "command" (stdio) or a "url".`);
  if (o.args !== undefined && (!Array.isArray(o.args) || o.args.some((a) => typeof a !== 'string'))) throw new ConfigError(`${where}.args must be a list of strings.`);
  const cwd = typeof o.cwd === 'string' ? (isAbsolute(o.cwd) ? o.cwd : resolve(base, o.cwd)) : base;
  return { kind: 'stdio', command: o.command, args: (o.args as string[] | undefined) ?? [], cwd, env: o.env as Record<string, string> | undefined };
}
