// What changed between two recorded sessions: the server's identity and protocol version, its catalogue (tools,
// prompts, resources, templates: added, removed, changed) and the answers to the same requests.
import { CompareRules, CompareRuleSpec } from './compareRules';
import { answerBody, describeRequest, RecordedSession, RpcMessage } from './recordedSession';
import { compareJson, Difference } from './structuralCompare';

export type CatalogueKind = 'tools' | 'prompts' | 'resources' | 'resourceTemplates';

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
}

export interface TraceDiff {
  server: Difference[];
  catalogue: CatalogueChange[];
  responses: ResponseChange[];
  /** Requests only one side made, by label. */
  onlyInA: string[];
  onlyInB: string[];
  comparedResponses: number;
  identical: boolean;
}

const LIST_METHODS: Record<CatalogueKind, { method: string; field: string; key: string }> = {
  tools: { method: 'tools/list', field: 'tools', key: 'name' },
  prompts: { method: 'prompts/list', field: 'prompts', key: 'name' },
  resources: { method: 'resources/list', field: 'resources', key: 'uri' },
  resourceTemplates: { method: 'resources/templates/list', field: 'resourceTemplates', key: 'uriTemplate' },
};

interface Exchange {
  request: RpcMessage;
  response?: RpcMessage;
  line: number;
}

function exchanges(s: RecordedSession): Exchange[] {
  const out: Exchange[] = [];
  for (const c of s.connections) for (const st of c.steps) if (st.msg.id !== undefined && st.msg.id !== null) out.push({ request: st.msg, response: st.response?.msg, line: st.line });
  return out;
}

/** Everything a session's list answers named, last answer wins (pages are merged). */
function catalogue(ex: Exchange[], kind: CatalogueKind): Map<string, unknown> {
  const { method, field, key } = LIST_METHODS[kind];
  const items = new Map<string, unknown>();
  let lastWasFirstPage = false;
  for (const e of ex) {
    if (e.request.method !== method || !e.response?.result) continue;
    const cursor = (e.request.params as { cursor?: string } | undefined)?.cursor;
    // A fresh (cursor-less) list replaces what earlier lists said.
    if (!cursor && lastWasFirstPage) items.clear();
    lastWasFirstPage = !cursor;
    const list = (e.response.result as Record<string, unknown>)[field];
    if (!Array.isArray(list)) continue;
    for (const item of list) if (item && typeof item === 'object') items.set(String((item as Record<string, unknown>)[key]), item);
  }
  return items;
}

function initializeResult(ex: Exchange[]): Record<string, unknown> | undefined {
  const init = ex.find((e) => e.request.method === 'initialize');
  const r = init?.response?.result as Record<string, unknown> | undefined;
  if (!r) return undefined;
  return { protocolVersion: r.protocolVersion, serverInfo: r.serverInfo, capabilities: r.capabilities, instructions: r.instructions };
}

export function diffSessions(a: RecordedSession, b: RecordedSession, ruleSpec?: CompareRuleSpec): TraceDiff {
  const rules = new CompareRules(ruleSpec);
  const exA = exchanges(a);
  const exB = exchanges(b);
  const server = compareJson(initializeResult(exA) ?? {}, initializeResult(exB) ?? {}, rules);

  const catalogueChanges: CatalogueChange[] = [];
  for (const kind of Object.keys(LIST_METHODS) as CatalogueKind[]) {
    const ca = catalogue(exA, kind);
    const cb = catalogue(exB, kind);
    for (const [name, item] of ca) {
      if (!cb.has(name)) catalogueChanges.push({ kind, name, change: 'removed' });
      else {
        const differences = compareJson(item, cb.get(name), rules);
        if (differences.length) catalogueChanges.push({ kind, name, change: 'changed', differences });
      }
    }
    for (const name of cb.keys()) if (!ca.has(name)) catalogueChanges.push({ kind, name, change: 'added' });
  }

  // Pair the n-th request of each label (method + tool/prompt/uri) across the traces.
  const byLabel = (ex: Exchange[]) => {
    const m = new Map<string, Exchange[]>();
    for (const e of ex) {
      const l = describeRequest(e.request);
      m.set(l, [...(m.get(l) ?? []), e]);
    }
    return m;
  };
  const la = byLabel(exA);
  const lb = byLabel(exB);
  const responses: ResponseChange[] = [];
  const onlyInA: string[] = [];
  const onlyInB: string[] = [];
  let compared = 0;
  const listMethods = new Set([...Object.values(LIST_METHODS).map((l) => l.method), 'initialize']);
  for (const [label, listA] of la) {
    // List answers are compared item by item above, initialize in the server section.
    if (listMethods.has(listA[0].request.method!)) continue;
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
      const requestDifferences = compareJson(stripMeta(ea.request.params), stripMeta(eb.request.params), rules, ['params']);
      const differences = compareJson(answerBody(ea.response) ?? {}, answerBody(eb.response) ?? {}, rules);
      if (differences.length) responses.push({ method: ea.request.method!, label, occurrence: i + 1, lineA: ea.line, lineB: eb.line, requestDifferences, differences });
    }
  }
  for (const [label, listB] of lb) if (!la.has(label) && !listMethods.has(listB[0].request.method!)) for (const eb of listB) onlyInB.push(`${label} (line ${eb.line})`);
  return {
    server,
    catalogue: catalogueChanges,
    responses,
    onlyInA,
    onlyInB,
    comparedResponses: compared,
    identical: server.length === 0 && catalogueChanges.length === 0 && responses.length === 0 && onlyInA.length === 0 && onlyInB.length === 0,
  };
}

/** `_meta` (progress tokens and the like) says nothing about what was asked. */
export function stripMeta(params: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!params) return {};
  const { _meta: _ignored, ...rest } = params;
  return rest;
}
