// Streams a trace file (never loads it whole): yields the header, every event with its 1-based line number, and a
// problem item for each line it cannot use (a torn last line, a corrupt or unknown line), then carries on.
// Responses are paired with their requests: a response item says which line asked and how long it took.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { PairingModel } from './pairing';
import { clip } from './preview';
import { isTraceEvent, TRACE_FORMAT, TraceEvent, TraceHeader } from './traceEvents';

export type TraceProblemKind =
  | 'torn' // the last line has no newline and does not parse: the writer was cut off
  | 'corrupt' // a line in the middle does not parse as JSON
  | 'invalid' // parses, but is not a trace event
  | 'missing-header'; // line 1 is not a header

export interface TraceProblem {
  kind: TraceProblemKind;
  line: number;
  message: string;
  /** The start of the offending text (at most 200 characters). */
  text: string;
}

/** On a response event: the request it answers. */
export interface RequestPair {
  requestLine: number;
  method: string;
  /** Response t minus request t, ms. */
  durationMs: number;
}

export type TraceItem =
  | { kind: 'header'; line: number; header: TraceHeader }
  | { kind: 'event'; line: number; event: TraceEvent; pair?: RequestPair }
  | { kind: 'problem'; line: number; problem: TraceProblem };

export interface TraceReaderOptions {
  /** Pair responses with requests (default true). */
  pair?: boolean;
  /** Read size, bytes (default 1 MiB). */
  chunkSize?: number;
}

export class TraceReader implements AsyncIterable<TraceItem> {
  /** Filled while reading. */
  header: TraceHeader | undefined;
  readonly problems: TraceProblem[] = [];
  private readonly pair: boolean;
  private readonly chunkSize: number;

  /** `source` is a file path or a readable stream of the file's bytes. */
  constructor(
    private readonly source: string | Readable,
    options: TraceReaderOptions = {},
  ) {
    this.pair = options.pair ?? true;
    this.chunkSize = options.chunkSize ?? 1 << 20;
  }

  [Symbol.asyncIterator](): AsyncIterator<TraceItem> {
    // Hand-rolled rather than an async generator: items already parsed are returned without resuming a generator,
    // which keeps per-item iteration close to the batch path (see bench/trace-reading.ts).
    const batches = this.batches();
    let batch: TraceItem[] = [];
    let i = 0;
    const pull = async (): Promise<IteratorResult<TraceItem>> => {
      for (;;) {
        const next = await batches.next();
        if (next.done) return { done: true, value: undefined };
        batch = next.value;
        i = 0;
        if (batch.length) return { done: false, value: batch[i++] };
      }
    };
    return {
      next: () => (i < batch.length ? Promise.resolve({ done: false, value: batch[i++] }) : pull()),
      return: async () => {
        await batches.return(undefined);
        return { done: true, value: undefined };
      },
    };
  }

  /** The same items, a chunk's worth at a time: the fast path for viewers that index a large file. */
  async *batches(): AsyncGenerator<TraceItem[]> {
    const stream = typeof this.source === 'string' ? createReadStream(this.source, { highWaterMark: this.chunkSize }) : this.source;
    const decoder = new StringDecoder('utf8');
    // Indexed by line number, so a pair names its request's line.
    const pending = this.pair ? new PairingModel() : undefined;
    let rest = '';
    let lineNo = 0;
    for await (const chunk of stream) {
      const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
      const items: TraceItem[] = [];
      let start = 0;
      let nl = text.indexOf('\n', start);
      while (nl !== -1) {
        lineNo++;
        this.parseLine(text.slice(start, nl), lineNo, false, pending, items);
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      rest = text.slice(start);
      if (items.length) yield items;
    }
    rest += decoder.end();
    if (rest.length) {
      const items: TraceItem[] = [];
      this.parseLine(rest, lineNo + 1, true, pending, items);
      if (items.length) yield items;
    }
  }

  private parseLine(raw: string, line: number, last: boolean, pending: PairingModel | undefined, out: TraceItem[]): void {
    const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const kind: TraceProblemKind = last ? 'torn' : 'corrupt';
      const message = last
        ? `line ${line} is cut off (the recording stopped mid-write); everything before it is intact`
        : `line ${line} is not valid JSON (${printable((e as Error).message)})`;
      this.report({ kind, line, message, text: text.slice(0, 200) }, out);
      return;
    }
    if (line === 1 || (this.header === undefined && isHeader(value))) {
      if (isHeader(value)) {
        this.header = value;
        out.push({ kind: 'header', line, header: value });
        return;
      }
      this.report({ kind: 'missing-header', line, message: `line ${line} should be the trace header ({"type":"header","format":"mcptrace",...})`, text: text.slice(0, 200) }, out);
    }
    if (!isTraceEvent(value)) {
      this.report({ kind: 'invalid', line, message: `line ${line} is not a trace event (unknown "type" or missing "t")`, text: text.slice(0, 200) }, out);
      return;
    }
    const item: { kind: 'event'; line: number; event: TraceEvent; pair?: RequestPair } = { kind: 'event', line, event: value };
    if (pending && value.type === 'message') {
      const p = pending.add(line, value);
      if (p.pair !== undefined) item.pair = { requestLine: p.pair, method: p.method!, durationMs: Math.round(p.latencyMs! * 1000) / 1000 };
    }
    out.push(item);
  }

  private report(problem: TraceProblem, out: TraceItem[]): void {
    this.problems.push(problem);
    out.push({ kind: 'problem', line: problem.line, problem });
  }
}

/** A parser message quotes the text it choked on: keep it short and free of control characters. */
function printable(s: string): string {
  let out = '';
  for (const ch of s) out += ch.charCodeAt(0) < 0x20 || ch === '\u007f' || ch === '\ufffd' ? '?' : ch;
  return clip(out, 120);
}

const PROBLEM_WORDS: Record<TraceProblemKind, [string, string]> = {
  torn: ['cut-off line', 'cut-off lines'],
  corrupt: ['line that is not JSON', 'lines that are not JSON'],
  invalid: ['line that is not a trace event', 'lines that are not trace events'],
  'missing-header': ['line that should be the header', 'lines that should be the header'],
};

/** The problems as warnings, at most `max` of each kind, then one line saying how many more there are. */
export function summarizeProblems(problems: TraceProblem[], max = 3): string[] {
  const out: string[] = [];
  const more = new Map<TraceProblemKind, number>();
  const shown = new Map<TraceProblemKind, number>();
  for (const p of problems) {
    const n = shown.get(p.kind) ?? 0;
    if (n < max) {
      out.push(p.message);
      shown.set(p.kind, n + 1);
    } else more.set(p.kind, (more.get(p.kind) ?? 0) + 1);
  }
  for (const [kind, n] of more) out.push(`… and ${n} more ${PROBLEM_WORDS[kind][n === 1 ? 0 : 1]}`);
  return out;
}

function isHeader(v: unknown): v is TraceHeader {
  return typeof v === 'object' && v !== null && (v as TraceHeader).type === 'header' && (v as TraceHeader).format === TRACE_FORMAT;
}

/** Reads a whole trace into memory (for small files and tests). */
export async function readTrace(file: string, options?: TraceReaderOptions): Promise<{ header?: TraceHeader; events: TraceEvent[]; problems: TraceProblem[] }> {
  const reader = new TraceReader(file, options);
  const events: TraceEvent[] = [];
  for await (const item of reader) if (item.kind === 'event') events.push(item.event);
  return { header: reader.header, events, problems: reader.problems };
}
