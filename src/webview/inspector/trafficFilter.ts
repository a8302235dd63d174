// The Traffic tab's filter as a plain predicate, kept out of the React file so node tests can use it.
import type { TrafficKind, TrafficRow } from '../../shared/trafficRows';

export interface TrafficFilter {
  dir: 'all' | 'send' | 'recv';
  kind: 'all' | TrafficKind;
  method: string;
  search: string;
  /** Fold the middle rounds of multi-round calls, except those of the calls (first seq) in `expanded`. */
  group: boolean;
  expanded: ReadonlySet<number>;
}

/** A middle round of a multi-round call: neither its first request nor its final answer. */
function middleRound(r: TrafficRow): boolean {
  return r.callSeq !== undefined && r.round !== undefined && r.callRounds === undefined;
}

/** Builds the row predicate for a filter, or undefined when everything passes. */
export function trafficPredicate(f: TrafficFilter): ((r: TrafficRow) => boolean) | undefined {
  const method = f.method.trim().toLowerCase();
  const search = f.search.trim().toLowerCase();
  if (f.dir === 'all' && f.kind === 'all' && !method && !search && !f.group) return undefined;
  return (r) =>
    (!f.group || !middleRound(r) || f.expanded.has(r.callSeq!)) &&
    (f.dir === 'all' || r.dir === f.dir) &&
    (f.kind === 'all' || r.kind === f.kind) &&
    (!method || (r.method ?? '').toLowerCase().includes(method)) &&
    (!search || r.preview.toLowerCase().includes(search) || (r.method ?? '').toLowerCase().includes(search) || r.rpcId === search);
}
