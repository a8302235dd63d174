// What a user of a server sees, in either era: answers without their envelope, catalogues in key order, and the
// questions asked during a call compared by content. verify (recording vs live server) and diff (recording vs
// recording) both judge changes with these, so a finding means the same in both.
import { stableJson } from '../traffic/pairing';
import { catalogueKindOf, CATALOGUE_KEYS } from './catalogue';
import { CompareRules } from './compareRules';
import { withoutEnvelope, type QuestionKind, type RecordedQuestion } from './recordedSession';
import { compareJson, describeDifference, type Difference } from './structuralCompare';

/** What a user of the server would notice. */
export type FindingKind =
  | 'answer-changed'
  | 'question-added'
  | 'question-missing'
  | 'question-changed'
  | 'now-input-required'
  | 'no-longer-input-required'
  | 'catalogue-changed'
  | 'notifications-changed'
  | 'no-answer';

export interface Finding {
  kind: FindingKind;
  /** One sentence naming the call, the question or the catalogue entry. */
  message: string;
  differences?: Difference[];
}

/** A question as compared: its kind and params (without `_meta`). */
export interface QuestionView {
  kind: QuestionKind;
  params: Record<string, unknown>;
}

/**
 * Calls that set up the session rather than ask it anything: replayed (so the server behaves the same) but never
 * compared. The 2026 era has no logging/setLevel (the level travels in each request's `_meta`).
 */
export const SETUP_METHODS: ReadonlySet<string> = new Set(['logging/setLevel']);


/** Of the questions not used yet, the one of this kind with the same content, else the first of this kind. */
export function pickQuestion<Q extends QuestionView>(open: Q[], used: Set<Q>, asked: QuestionView): Q | undefined {
  const content = stableJson(asked.params);
  let first: Q | undefined;
  for (const q of open) {
    if (q.kind !== asked.kind || used.has(q)) continue;
    if (stableJson(q.params) === content) return q;
    first ??= q;
  }
  return first;
}

/**
 * An answer body (`{result}` or `{error}`) as a user sees it: a catalogue keyed by its items' names (the order of
 * a catalogue is not a change, and an added tool does not shift the others: paths read `result.tools.echo...`),
 * and, across eras, an error without its code (the revisions renumbered some).
 */
export function comparableAnswer(method: string, body: Record<string, unknown> | undefined, crossEra: boolean): Record<string, unknown> | undefined {
  if (!body) return body;
  if (body.error) {
    const { code, ...rest } = body.error as { code: number };
    return crossEra ? { error: rest } : { error: { code, ...rest } };
  }
  const field = catalogueKindOf(method);
  const result = body.result as Record<string, unknown> | undefined;
  if (!field || !Array.isArray(result?.[field])) return body;
  const key = CATALOGUE_KEYS[field];
  const items: Record<string, unknown> = {};
  for (const item of result[field] as Array<Record<string, unknown>>) items[String(item?.[key])] = catalogueItemView(withoutEnvelope(item));
  return { result: { ...result, [field]: items } };
}

/**
 * A catalogue item without what SDKs write differently for the same tool: the JSON Schema dialect a schema declares
 * (`$schema`: SDK v1 writes draft-07, SDK v2 none or 2020-12; the keywords are what a client checks) and
 * `execution.taskSupport: "forbidden"`, the default (SDK v1 writes it on every tool, SDK v2 leaves it out).
 */
function catalogueItemView(item: unknown): unknown {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
  const out = { ...(item as Record<string, unknown>) };
  for (const k of ['inputSchema', 'outputSchema']) {
    const schema = out[k];
    if (schema && typeof schema === 'object' && !Array.isArray(schema) && '$schema' in schema) {
      const { $schema: _dialect, ...rest } = schema as Record<string, unknown>;
      out[k] = rest;
    }
  }
  const execution = out.execution as Record<string, unknown> | undefined;
  if (execution && typeof execution === 'object' && execution.taskSupport === 'forbidden') {
    const { taskSupport: _default, ...rest } = execution;
    if (Object.keys(rest).length) out.execution = rest;
    else delete out.execution;
  }
  return out;
}

/** The finding for changed answer differences, or none. */
export function answerFinding(method: string, label: string, differences: Difference[]): Finding[] {
  if (!differences.length) return [];
  const catalogue = catalogueKindOf(method);
  const what = catalogue ? `the ${catalogue} catalogue changed` : `the answer to ${label} changed`;
  return [{ kind: catalogue ? 'catalogue-changed' : 'answer-changed', message: `${what}: ${describeDifference(differences[0])}${differences.length > 1 ? ` (and ${differences.length - 1} more)` : ''}`, differences }];
}

/**
 * Questions of one call, before (`was`) and after (`now`), compared by content: a new one, a missing one, a changed
 * one; and a call that began or stopped asking. `now[i].recorded` may name the question it was answered from.
 */
export function questionFindings(label: string, was: RecordedQuestion[], now: Array<QuestionView & { recorded?: QuestionView }>, rules: CompareRules, rounds: { was: number; now: number }): Finding[] {
  const out: Finding[] = [];
  // Roots carry no content worth comparing: the client answers them from its own list.
  const before = was.filter((q) => q.kind !== 'roots');
  const after = now.filter((q) => q.kind !== 'roots');
  if (before.length === 0 && after.length === 0) {
    if (rounds.was === 1 && rounds.now > 1) out.push({ kind: 'now-input-required', message: `${label} answered directly and now returns input_required` });
    return out;
  }
  if (before.length === 0) return [{ kind: 'now-input-required', message: `${label} answered directly and now asks ${after.map(describeQuestion).join(', ')}` }];
  if (after.length === 0) return [{ kind: 'no-longer-input-required', message: `${label} asked ${before.map(describeQuestion).join(', ')} and now answers directly` }];
  const used = new Set<QuestionView>();
  for (const a of after) {
    const match = a.recorded ?? pickQuestion(before, used as Set<RecordedQuestion>, a);
    if (!match) {
      out.push({ kind: 'question-added', message: `${label} asks a new question: ${describeQuestion(a)}` });
      continue;
    }
    used.add(match);
    const differences = compareJson(match.params, a.params, rules, ['params']);
    if (differences.length) out.push({ kind: 'question-changed', message: `${label}: the ${match.kind} question changed: ${describeDifference(differences[0])}`, differences });
  }
  for (const q of before) if (!used.has(q)) out.push({ kind: 'question-missing', message: `${label} no longer asks ${describeQuestion(q)}` });
  return out;
}

export function describeQuestion(q: QuestionView): string {
  const message = typeof q.params.message === 'string' ? ` "${q.params.message}"` : '';
  return `${q.kind === 'elicitation' ? 'an elicitation' : `a ${q.kind} request`}${message}`;
}

/** A notification as compared: its method and params without `_meta` and the caller's progress token. */
function notificationView(n: { method?: string; params?: Record<string, unknown> }): Record<string, unknown> {
  const { _meta: _m, progressToken: _t, ...params } = n.params ?? {};
  return { method: n.method, params };
}

/** The server's notifications during a call (progress, logging, list changes), before and after, in order. */
export function notificationFindings(label: string, was: Array<{ method?: string; params?: Record<string, unknown> }>, now: Array<{ method?: string; params?: Record<string, unknown> }>, rules: CompareRules): Finding[] {
  const differences = compareJson(was.map(notificationView), now.map(notificationView), rules, ['notifications']);
  if (!differences.length) return [];
  return [{ kind: 'notifications-changed', message: `${label}: the notifications during the call changed: ${describeDifference(differences[0])}${differences.length > 1 ? ` (and ${differences.length - 1} more)` : ''}`, differences }];
}

/** Findings by kind. */
export function countFindings(findings: Iterable<Finding>): Partial<Record<FindingKind, number>> {
  const out: Partial<Record<FindingKind, number>> = {};
  for (const f of findings) out[f.kind] = (out[f.kind] ?? 0) + 1;
  return out;
}
