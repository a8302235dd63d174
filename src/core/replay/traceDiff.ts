// What changed between two recorded sessions, as a user of the server sees it, in either era: the server's
// identity, its catalogue (tools, prompts, resources, templates: added, removed, changed), the answers to the same
// calls and the questions asked during them. Two traces of different eras compare like two of the same era:
// envelope differences are not changes. Linear in the size of the traces.
import { serverIdentity, traceEra, type TraceEra } from '../traffic/traceEvents';
import { CompareRules, CompareRuleSpec } from './compareRules';
import { answerBody, callParams, describeRequest, mergedAnswer, RecordedCall, RecordedSession } from './recordedSession';
import { compareJson, Difference } from './structuralCompare';
import { CATALOGUE_KEYS, CATALOGUE_LISTS, catalogueKindOf, type CatalogueKind } from './catalogue';
import { comparableAnswer, countFindings, Finding, FindingKind, questionFindings, SETUP_METHODS } from './userView';

export type { CatalogueKind };

export interface CatalogueChange {
  kind: CatalogueKind;
  name: string;
  change: 'added' | 'removed' | 'changed';
  differences?: Difference[];
}

export interface ResponseChange {
  method: string;
  label: string;
  /** n-th request of this method in each trace (1-based). */
  occurrence: number;
  lineA: number;
  lineB: number;
  /** The requests themselves differ (different arguments): the answers may differ for that reason. */
  requestDifferences: Difference[];
  differences: Difference[];
  /** Named findings of this call: answer changed, question added/missing/changed, began or stopped asking. */
  findings: Finding[];
}

export interface TraceDiff {
  /** Each trace's era and protocol version. */
  eras: { a: { era: TraceEra; protocolVersion?: string }; b: { era: TraceEra; protocolVersion?: string } };
  server: Difference[];
  catalogue: CatalogueChange[];
  responses: ResponseChange[];
  /** Requests only one side made, by label. */
  onlyInA: string[];
  onlyInB: string[];
  comparedResponses: number;
  /** Findings of the answers by kind (answer-changed, question-added, ...). */
  findings: Partial<Record<FindingKind, number>>;
  identical: boolean;
}


function answeredCalls(s: RecordedSession): RecordedCall[] {
  const out: RecordedCall[] = [];
  for (const c of s.connections) for (const call of c.calls) if (call.response) out.push(call);
  return out;
}

/** Everything a session's list answers named; a later complete list replaces an earlier one. */
function catalogue(calls: RecordedCall[], kind: CatalogueKind): Map<string, unknown> {
  const key = CATALOGUE_KEYS[kind];
  let items = new Map<string, unknown>();
  for (const call of calls) {
    if (call.method !== CATALOGUE_LISTS[kind]) continue;
    const list = (mergedAnswer(call)?.result as Record<string, unknown> | undefined)?.[kind];
    if (!Array.isArray(list)) continue;
    items = new Map();
    for (const item of list) if (item && typeof item === 'object') items.set(String((item as Record<string, unknown>)[key]), item);
  }
  return items;
}

/** The server's identity in either era: from the header, else the recorded initialize or discover answer. */
function serverView(s: RecordedSession, sameEra: boolean): Record<string, unknown> {
  const conn = s.connections[0];
  const id = serverIdentity(s.header?.initialize ?? s.header?.discover ?? conn?.initialize ?? conn?.discover);
  const view: Record<string, unknown> = { serverInfo: id.serverInfo, instructions: id.instructions };
  // Capabilities are declared differently in each era (tasks, extensions): compare them within one era only.
  if (sameEra) view.capabilities = id.capabilities;
  return view;
}

export function diffSessions(a: RecordedSession, b: RecordedSession, ruleSpec?: CompareRuleSpec): TraceDiff {
  const rules = new CompareRules(ruleSpec);
  const eraA = traceEra(a.header);
  const eraB = traceEra(b.header);
  const crossEra = eraA !== eraB;
  const callsA = answeredCalls(a);
  const callsB = answeredCalls(b);
  const server = compareJson(serverView(a, !crossEra), serverView(b, !crossEra), rules);

  const catalogueChanges: CatalogueChange[] = [];
  for (const kind of Object.keys(CATALOGUE_LISTS) as CatalogueKind[]) {
    const ca = catalogue(callsA, kind);
    const cb = catalogue(callsB, kind);
    for (const [name, item] of ca) {
      if (!cb.has(name)) catalogueChanges.push({ kind, name, change: 'removed' });
      else {
        const differences = compareJson(item, cb.get(name), rules);
        if (differences.length) catalogueChanges.push({ kind, name, change: 'changed', differences });
      }
    }
    for (const name of cb.keys()) if (!ca.has(name)) catalogueChanges.push({ kind, name, change: 'added' });
  }

  // Pair the n-th call of each label (method + tool/prompt/uri) across the traces.
  const byLabel = (calls: RecordedCall[]) => {
    const m = new Map<string, RecordedCall[]>();
    for (const call of calls) {
      if (catalogueKindOf(call.method) || SETUP_METHODS.has(call.method)) continue; // lists compared item by item above
      const l = describeRequest(call.msg);
      const list = m.get(l);
      if (list) list.push(call);
      else m.set(l, [call]);
    }
    return m;
  };
  const la = byLabel(callsA);
  const lb = byLabel(callsB);
  const responses: ResponseChange[] = [];
  const onlyInA: string[] = [];
  const onlyInB: string[] = [];
  let compared = 0;
  for (const [label, listA] of la) {
    const listB = lb.get(label) ?? [];
    for (let i = 0; i < Math.max(listA.length, listB.length); i++) {
      const ea = listA[i];
      const eb = listB[i];
      if (!eb) {
        onlyInA.push(`${label} (line ${ea.line})`);
        continue;
      }
      if (!ea) {
        onlyInB.push(`${label} (line ${eb.line})`);
        continue;
      }
      compared++;
      const requestDifferences = compareJson(callParams(ea.msg.params), callParams(eb.msg.params), rules, ['params']);
      const differences = compareJson(comparableAnswer(ea.method, answerBody(ea.response!.msg), crossEra) ?? {}, comparableAnswer(eb.method, answerBody(eb.response!.msg), crossEra) ?? {}, rules);
      const findings: Finding[] = [];
      if (differences.length) findings.push({ kind: 'answer-changed', message: `the answer to ${label} changed`, differences });
      findings.push(...questionFindings(label, ea.questions, eb.questions, rules, { was: ea.rounds, now: eb.rounds }));
      if (findings.length) responses.push({ method: ea.method, label, occurrence: i + 1, lineA: ea.line, lineB: eb.line, requestDifferences, differences, findings });
    }
  }
  for (const [label, listB] of lb) if (!la.has(label)) for (const eb of listB) onlyInB.push(`${label} (line ${eb.line})`);
  return {
    eras: { a: { era: eraA, protocolVersion: a.protocolVersion }, b: { era: eraB, protocolVersion: b.protocolVersion } },
    server,
    catalogue: catalogueChanges,
    responses,
    onlyInA,
    onlyInB,
    comparedResponses: compared,
    findings: countFindings(responses.flatMap((r) => r.findings)),
    identical: server.length === 0 && catalogueChanges.length === 0 && responses.length === 0 && onlyInA.length === 0 && onlyInB.length === 0,
  };
}
