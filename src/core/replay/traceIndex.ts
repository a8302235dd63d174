// An index over a trace file that never holds the file in memory: one pass records, per row (a non-empty line
// after the header), its byte offset and length plus the few fields the timeline filters on (kind, direction,
// method, time, pairing, latency). Windows of rows are then read back from disk on demand.
// Rows become available while the pass runs (`rowCount` grows), so a viewer can draw the first rows at once.
import { open, type FileHandle } from 'node:fs/promises';
import { PairingModel } from '../traffic/pairing';
import { clip, eventPreview } from '../traffic/preview';
import { isTraceEvent, serverIdentity, TRACE_FORMAT, traceEra, type TraceHeader } from '../traffic/traceEvents';

import { ROW_KINDS, type RowDir, type RowFilter, type RowKind, type TraceRow, type TraceSummary } from './traceRows';

export { ROW_KINDS, type RowDir, type RowFilter, type RowKind, type TraceRow, type TraceSummary };
const KIND_CODE = new Map<RowKind, number>(ROW_KINDS.map((k, i) => [k, i]));
const DIRS: readonly RowDir[] = ['none', 'send', 'recv'];

const FIRST_CHUNK = 256 * 1024;
// Small enough that a window request waits at most one chunk's parse (~30 ms) while the pass runs.
const CHUNK = 1024 * 1024;
const SEARCH_CHUNK = 8 * 1024 * 1024;
const SLOWEST_KEEP = 10;

class Column<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array | Int32Array | Float32Array> {
  data: T;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  set(i: number, v: number): void {
    if (i >= this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[i] = v;
  }
}

export class TraceIndexError extends Error {}

export class TraceIndex {
  header: TraceHeader | undefined;
  /** Line 1 is not a trace header (the rows are still indexed). */
  missingHeader = false;
  /** Rows indexed so far. */
  rowCount = 0;
  complete = false;
  fileSize = 0;
  private readonly offset = new Column((n) => new Float64Array(n));
  private readonly length = new Column((n) => new Uint32Array(n));
  private readonly lineNo = new Column((n) => new Uint32Array(n));
  private readonly kind = new Column((n) => new Uint8Array(n));
  private readonly dir = new Column((n) => new Uint8Array(n));
  private readonly flags = new Column((n) => new Uint8Array(n)); // bit 0: error; bit 2: ends a multi-round call
  private readonly methodId = new Column((n) => new Int32Array(n));
  private readonly time = new Column((n) => new Float64Array(n));
  private readonly pair = new Column((n) => new Int32Array(n));
  private readonly latency = new Column((n) => new Float32Array(n));
  /** The first row of the logical call a row belongs to (-1: none), and its round. */
  private readonly callOf = new Column((n) => new Int32Array(n));
  private readonly round = new Column((n) => new Uint16Array(n));
  /** Multi-round calls by their first row: rounds and summed latency. */
  private readonly callTotals = new Map<number, { rounds: number; latencyMs: number }>();
  /** Grouped calls by their first row: how many later rows belong to each. */
  private readonly callMembers = new Map<number, number>();
  private readonly pairing = new PairingModel();
  private readonly methodNames: string[] = [];
  private readonly methodIds = new Map<string, number>();
  private readonly stats = new Map<number, { count: number; errors: number; totalMs: number; maxMs: number }>();
  private slowest: Array<{ row: number; latencyMs: number }> = [];
  private serverInfo: TraceSummary['server'];
  private protocolVersion: string | undefined;
  private counts = { requests: 0, notifications: 0, errors: 0, problems: 0, stderr: 0 };
  private lastT = 0;
  private done: Promise<void> | undefined;
  /** Bytes and lines consumed by the passes so far (a refresh continues from there). */
  private scannedTo = 0;
  private linesScanned = 0;
  /** The last line had no newline when it was read. */
  private tail: { start: number; line: number; indexed: boolean; problem: boolean } | undefined;
  private continuesLine = false;
  private refreshing: Promise<boolean> = Promise.resolve(false);
  private listeners = new Set<() => void>();

  private constructor(readonly file: string) {}

  /** Starts indexing; resolves once the first rows (or the whole small file) are indexed. */
  static async open(file: string): Promise<TraceIndex> {
    const index = new TraceIndex(file);
    let fh: FileHandle;
    try {
      fh = await open(file, 'r');
    } catch (e) {
      throw new TraceIndexError(`Cannot open ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
    }
    let firstDone!: () => void;
    const first = new Promise<void>((r) => (firstDone = r));
    index.done = index.scan(fh, firstDone).finally(() => fh.close().catch(() => undefined));
    index.done.catch(() => firstDone());
    await first;
    return index;
  }

  /** Resolves when every line is indexed. */
  whenComplete(): Promise<void> {
    return this.done ?? Promise.resolve();
  }

  /** Called (throttled by chunks) while indexing makes progress and once at the end. */
  onProgress(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async scan(fh: FileHandle, firstDone: () => void): Promise<void> {
    this.fileSize = (await fh.stat()).size;
    let pos = this.scannedTo;
    let line = this.linesScanned;
    let size = pos === 0 ? FIRST_CHUNK : CHUNK;
    let buf = Buffer.allocUnsafe(CHUNK);
    while (pos < this.fileSize) {
      if (buf.length < size) buf = Buffer.allocUnsafe(size);
      const { bytesRead } = await fh.read(buf, 0, Math.min(size, this.fileSize - pos), pos);
      if (bytesRead === 0) break;
      const atEnd = pos + bytesRead >= this.fileSize;
      let start = 0;
      if (this.continuesLine) {
        // The previous pass ended inside a complete line that had no newline yet: its newline is not a new line.
        this.continuesLine = false;
        if (buf[0] === 13 && buf[1] === 10) start = 2;
        else if (buf[0] === 10) start = 1;
      }
      let nl = buf.indexOf(10, start);
      while (nl !== -1 && nl < bytesRead) {
        line++;
        this.addLine(buf, start, nl, pos, line, false);
        start = nl + 1;
        nl = buf.indexOf(10, start);
      }
      if (atEnd && start < bytesRead) {
        line++;
        const rowsBefore = this.rowCount;
        const problemsBefore = this.counts.problems;
        this.addLine(buf, start, bytesRead, pos, line, true);
        this.tail = { start: pos + start, line, indexed: this.rowCount > rowsBefore, problem: this.counts.problems > problemsBefore };
        start = bytesRead;
      }
      if (start === 0 && !atEnd) {
        size *= 2; // one line longer than the chunk: read more at once
        continue;
      }
      pos += start;
      this.scannedTo = pos;
      this.linesScanned = line;
      size = CHUNK;
      firstDone();
      for (const l of this.listeners) l();
    }
    this.complete = true;
    firstDone();
    for (const l of this.listeners) l();
  }

  /**
   * Indexes what was appended since the last pass (a trace being recorded while it is viewed). A torn last line
   * that is now complete is read again. Resolves false when nothing changed; throws when the file shrank (it was
   * rewritten, not appended to: open it again).
   */
  refresh(): Promise<boolean> {
    const run = async (): Promise<boolean> => {
      await this.whenComplete().catch(() => undefined);
      let fh: FileHandle;
      try {
        fh = await open(this.file, 'r');
      } catch (e) {
        throw new TraceIndexError(`Cannot read ${this.file} again: ${(e as Error).message}.`);
      }
      try {
        const size = (await fh.stat()).size;
        if (size < this.fileSize) throw new TraceIndexError(`${this.file} was rewritten (it is smaller than before); open it again.`);
        if (size === this.fileSize) return false;
        const tail = this.tail;
        this.tail = undefined;
        if (tail && (tail.problem || !tail.indexed)) {
          // The torn line is being completed: forget its problem row and read it again from its start.
          if (tail.problem) {
            this.rowCount--;
            this.counts.problems--;
          }
          this.scannedTo = tail.start;
          this.linesScanned = tail.line - 1;
        } else if (tail) {
          this.continuesLine = true;
        }
        this.complete = false;
        this.done = this.scan(fh, () => undefined);
        await this.done;
        return true;
      } finally {
        await fh.close().catch(() => undefined);
      }
    };
    this.refreshing = this.refreshing.then(run, run);
    return this.refreshing;
  }

  private addLine(buf: Buffer, s: number, e: number, base: number, line: number, last: boolean): void {
    let end = e;
    if (end > s && buf[end - 1] === 13) end--;
    if (end === s) return;
    const text = buf.toString('utf8', s, end);
    if (text.trim() === '') return;
    let value: unknown;
    let problem: string | undefined;
    try {
      value = JSON.parse(text);
    } catch (err) {
      problem = last ? `line ${line} is cut off (the recording stopped mid-write)` : `line ${line} is not valid JSON (${(err as Error).message})`;
    }
    if (!problem && line === 1) {
      const h = value as TraceHeader;
      if (h && typeof h === 'object' && h.type === 'header' && h.format === TRACE_FORMAT) {
        this.header = h;
        return;
      }
      this.missingHeader = true;
    }
    if (!problem && !isTraceEvent(value)) problem = `line ${line} is not a trace event${line === 1 ? ' (line 1 should be the trace header)' : ''}`;
    const row = this.rowCount;
    this.offset.set(row, base + s);
    this.length.set(row, end - s);
    this.lineNo.set(row, line);
    this.pair.set(row, -1);
    this.methodId.set(row, -1);
    this.latency.set(row, -1);
    this.callOf.set(row, -1);
    this.round.set(row, 0);
    this.flags.set(row, 0);
    this.dir.set(row, 0);
    if (problem) {
      this.kind.set(row, KIND_CODE.get('problem')!);
      this.time.set(row, this.lastT);
      this.flags.set(row, last && value === undefined ? 3 : 1); // bit 1: torn last line
      this.counts.problems++;
      this.rowCount++;
      return;
    }
    const ev = value as { type: string; t: number; dir?: 'send' | 'recv'; msg?: Record<string, unknown> };
    this.time.set(row, ev.t);
    this.lastT = Math.max(this.lastT, ev.t);
    this.rowCount++;
    const p = this.pairing.add(row, ev);
    this.kind.set(row, KIND_CODE.get(p.kind)!);
    this.dir.set(row, DIRS.indexOf(p.dir));
    if (p.isError) this.flags.set(row, 1);
    if (p.kind === 'stderr') this.counts.stderr++;
    if (p.kind === 'transport' && p.method) this.methodId.set(row, this.methodIdOf(p.method));
    if (p.kind !== 'request' && p.kind !== 'response' && p.kind !== 'error' && p.kind !== 'notification') return;
    if (p.call !== undefined) {
      this.callOf.set(row, p.call);
      this.round.set(row, p.round ?? 0);
      // The final answer of a multi-round call stays visible when the call is folded, like any call's answer.
      if (p.callRounds === undefined) this.callMembers.set(p.call, (this.callMembers.get(p.call) ?? 0) + 1);
      else this.flags.data[row] |= 4;
    }
    if (p.callRounds !== undefined) this.callTotals.set(p.call!, { rounds: p.callRounds, latencyMs: p.callLatencyMs! });
    if (p.kind === 'request' || p.kind === 'notification') {
      this.methodId.set(row, this.methodIdOf(p.method!));
      if (p.kind === 'request') this.counts.requests++;
      else this.counts.notifications++;
      return;
    }
    if (p.isError) this.counts.errors++;
    if (p.pair === undefined) return;
    const req = p.pair;
    const mid = this.methodId.data[req];
    const ms = p.latencyMs!;
    this.methodId.set(row, mid);
    this.pair.set(row, req);
    this.pair.data[req] = row;
    this.latency.set(row, ms);
    this.latency.data[req] = ms;
    if (p.isError) this.flags.data[req] |= 1;
    const st = this.stats.get(mid) ?? { count: 0, errors: 0, totalMs: 0, maxMs: 0 };
    st.count++;
    st.totalMs += ms;
    st.maxMs = Math.max(st.maxMs, ms);
    if (p.isError) st.errors++;
    this.stats.set(mid, st);
    this.noteSlow(req, ms);
    const name = this.methodNames[mid];
    if ((name === 'initialize' || name === 'server/discover') && ev.msg?.result) {
      const r = ev.msg.result as Record<string, unknown>;
      this.serverInfo ??= serverIdentity(r).serverInfo;
      this.protocolVersion ??= r.protocolVersion as string | undefined;
    }
  }

  private noteSlow(row: number, ms: number): void {
    if (this.slowest.length >= SLOWEST_KEEP && ms <= this.slowest[this.slowest.length - 1].latencyMs) return;
    this.slowest.push({ row, latencyMs: ms });
    this.slowest.sort((a, b) => b.latencyMs - a.latencyMs);
    if (this.slowest.length > SLOWEST_KEEP) this.slowest.pop();
  }

  private methodIdOf(method: string): number {
    let id = this.methodIds.get(method);
    if (id === undefined) {
      id = this.methodNames.length;
      this.methodNames.push(method);
      this.methodIds.set(method, id);
    }
    return id;
  }

  summary(): TraceSummary {
    return {
      header: this.header,
      missingHeader: this.missingHeader,
      era: traceEra(this.header),
      server: serverIdentity(this.header?.initialize ?? this.header?.discover).serverInfo ?? this.serverInfo,
      protocolVersion: this.header?.protocolVersion ?? this.protocolVersion,
      rows: this.rowCount,
      requests: this.counts.requests,
      notifications: this.counts.notifications,
      errors: this.counts.errors,
      problems: this.counts.problems,
      stderrLines: this.counts.stderr,
      durationMs: this.lastT,
      groupedCalls: this.callMembers.size,
      methods: [...this.methodIds.entries()]
        .map(([method, id]) => ({ method, ...(this.stats.get(id) ?? { count: 0, errors: 0, totalMs: 0, maxMs: 0 }) }))
        .sort((a, b) => b.count - a.count),
      slowest: this.slowest.map((s) => ({ row: s.row, method: this.methodNames[this.methodId.data[s.row]] ?? '', latencyMs: s.latencyMs })),
    };
  }

  get methods(): string[] {
    return [...this.methodNames];
  }

  /** The 1-based line of a row. */
  lineOf(row: number): number {
    return this.lineNo.data[row];
  }

  /** The first row at or after a line number (for "go to line"). */
  rowOfLine(line: number): number {
    let lo = 0;
    let hi = this.rowCount;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lineNo.data[mid] < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The raw text of rows [start, end), read in one go. */
  async readRaw(start: number, end: number): Promise<string[]> {
    end = Math.min(end, this.rowCount);
    if (start >= end) return [];
    const from = this.offset.data[start];
    const to = this.offset.data[end - 1] + this.length.data[end - 1];
    const fh = await open(this.file, 'r');
    try {
      const buf = Buffer.allocUnsafe(to - from);
      await fh.read(buf, 0, buf.length, from);
      const out: string[] = [];
      for (let r = start; r < end; r++) {
        const s = this.offset.data[r] - from;
        out.push(buf.toString('utf8', s, s + this.length.data[r]));
      }
      return out;
    } finally {
      await fh.close();
    }
  }

  /** Table rows for [start, end). */
  async rows(start: number, end: number): Promise<TraceRow[]> {
    const raw = await this.readRaw(start, end);
    return raw.map((text, i) => this.describe(start + i, text));
  }

  /** Table rows for arbitrary row numbers (a filtered view), reading contiguous runs together. */
  async rowsAt(rows: ArrayLike<number>): Promise<TraceRow[]> {
    const out: TraceRow[] = [];
    let i = 0;
    while (i < rows.length) {
      let j = i + 1;
      while (j < rows.length && rows[j] === rows[j - 1] + 1) j++;
      out.push(...(await this.rows(rows[i], rows[j - 1] + 1)));
      i = j;
    }
    return out;
  }

  /** The parsed event of a row (or, for a problem row, the raw text). */
  async event(row: number): Promise<{ row: TraceRow; value?: unknown; text: string }> {
    if (row < 0 || row >= this.rowCount) throw new TraceIndexError(`There is no row ${row}.`);
    const [text] = await this.readRaw(row, row + 1);
    const described = this.describe(row, text);
    if (described.kind === 'problem') return { row: described, text };
    return { row: described, value: JSON.parse(text), text };
  }

  private describe(row: number, text: string): TraceRow {
    const kind = ROW_KINDS[this.kind.data[row]];
    const mid = this.methodId.data[row];
    const pair = this.pair.data[row];
    const lat = this.latency.data[row];
    const base: TraceRow = {
      row,
      line: this.lineNo.data[row],
      t: this.time.data[row],
      kind,
      dir: DIRS[this.dir.data[row]],
      method: mid >= 0 ? this.methodNames[mid] : undefined,
      pairRow: pair >= 0 ? pair : undefined,
      latencyMs: lat >= 0 ? Math.round(lat * 1000) / 1000 : undefined,
      size: this.length.data[row],
      isError: (this.flags.data[row] & 1) === 1,
      preview: '',
    };
    if (kind === 'problem') {
      let problem: string;
      try {
        JSON.parse(text);
        problem = `line ${base.line} is not a trace event`;
      } catch (e) {
        problem = this.flags.data[row] & 2 ? `line ${base.line} is cut off (the recording stopped mid-write)` : `line ${base.line} is not valid JSON (${(e as Error).message})`;
      }
      return { ...base, problem, preview: clip(text) };
    }
    const ev = JSON.parse(text) as { type: string; msg?: Record<string, unknown> };
    if (ev.type === 'message') {
      const id = ev.msg?.id;
      base.rpcId = id === undefined || id === null ? undefined : String(id);
    }
    base.preview = eventPreview(ev);
    const call = this.callOf.data[row];
    if (call >= 0) {
      base.callRow = call;
      if (this.round.data[row]) base.round = this.round.data[row];
    }
    const members = this.callMembers.get(row);
    if (members) base.callMembers = members;
    const totals = this.callTotals.get(row);
    if (totals) {
      base.callRounds = totals.rounds;
      base.callLatencyMs = Math.round(totals.latencyMs * 1000) / 1000;
    }
    return base;
  }

  /** Rows that pass the filter, in order (waits for indexing to finish). */
  async filter(f: RowFilter): Promise<Int32Array> {
    await this.whenComplete();
    const methodSet = f.methods?.length ? new Set(f.methods.map((m) => this.methodIds.get(m) ?? -2)) : undefined;
    const kindSet = f.kinds?.length ? new Set(f.kinds.map((k) => KIND_CODE.get(k))) : undefined;
    const dirCode = f.dir === 'send' ? 1 : f.dir === 'recv' ? 2 : 0;
    const textRows = f.text ? await this.rowsContaining(f.text) : undefined;
    const expanded = new Set(f.expandedCalls ?? []);
    const out = new Int32Array(this.rowCount);
    let n = 0;
    for (let r = 0; r < this.rowCount; r++) {
      if (f.collapseCalls) {
        const call = this.callOf.data[r];
        if (call >= 0 && call !== r && !(this.flags.data[r] & 4) && !expanded.has(call)) continue;
      }
      if (methodSet && !methodSet.has(this.methodId.data[r])) continue;
      if (kindSet && !kindSet.has(this.kind.data[r])) continue;
      if (dirCode && this.dir.data[r] !== dirCode) continue;
      if (f.errorsOnly && !(this.flags.data[r] & 1)) continue;
      if (textRows && !textRows.has(r)) continue;
      out[n++] = r;
    }
    return out.slice(0, n);
  }

  /** Rows whose raw line contains `text` (ASCII case-insensitive), found by scanning the file in chunks. */
  async rowsContaining(text: string): Promise<Set<number>> {
    const needle = Buffer.from(text, 'utf8').toString('latin1').toLowerCase();
    const found = new Set<number>();
    if (!needle) return found;
    const fh = await open(this.file, 'r');
    try {
      const buf = Buffer.allocUnsafe(SEARCH_CHUNK + needle.length);
      let pos = 0;
      while (pos < this.fileSize) {
        const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, this.fileSize - pos), pos);
        if (bytesRead === 0) break;
        const hay = buf.toString('latin1', 0, bytesRead).toLowerCase();
        let i = hay.indexOf(needle);
        while (i !== -1) {
          const r = this.rowAtOffset(pos + i);
          if (r >= 0) found.add(r);
          i = hay.indexOf(needle, i + 1);
        }
        if (pos + bytesRead >= this.fileSize) break;
        pos += bytesRead - (needle.length - 1); // overlap so a match across chunks is seen
      }
    } finally {
      await fh.close();
    }
    return found;
  }

  private rowAtOffset(off: number): number {
    let lo = 0;
    let hi = this.rowCount - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.offset.data[mid] <= off) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (ans >= 0 && off >= this.offset.data[ans] + this.length.data[ans]) return -1;
    return ans;
  }
}

