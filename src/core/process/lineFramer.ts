// Splits a byte stream into newline-terminated lines. Lines are cut on the byte 0x0A and decoded whole, so a
// multi-byte UTF-8 character split across two chunks is never decoded half (no U+FFFD). Chunks are only joined
// when a line spans several of them, so the common one-message-per-chunk case costs one slice.
export class LineFramer {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Set while the rest of an over-long line is being dropped: its size so far, its first and last bytes. */
  private overflow: { bytes: number; head: string; tail: Buffer } | undefined;

  /**
   * @param maxLineBytes a longer line is dropped and reported once, when it ends, through `onOverflow` with its
   *   whole size and its first and last 200 bytes, instead of growing the buffer without bound.
   */
  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineBytes = Infinity,
    private readonly onOverflow: (bytes: number, head: string, tail: string) => void = () => undefined,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    let nl = chunk.indexOf(10, start);
    while (nl !== -1) {
      this.endLine(chunk.subarray(start, nl));
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
  }

  /** What is left without a final newline (a process that exits mid-line). */
  flush(): void {
    if (this.overflow) return this.endLine(Buffer.alloc(0));
    if (!this.pending.length) return;
    const rest = Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    if (rest.trim()) this.onLine(rest);
  }

  private keep(part: Buffer): void {
    if (this.overflow) {
      this.overflow.bytes += part.length;
      this.overflow.tail = lastBytes(Buffer.concat([this.overflow.tail, part]));
      return;
    }
    this.pending.push(part);
    this.pendingBytes += part.length;
    if (this.pendingBytes > this.maxLineBytes) {
      const all = Buffer.concat(this.pending);
      this.overflow = { bytes: this.pendingBytes, head: all.subarray(0, EDGE).toString('utf8'), tail: lastBytes(all) };
      this.pending = [];
      this.pendingBytes = 0;
    }
  }

  private endLine(last: Buffer): void {
    if (this.overflow) {
      const { bytes, head, tail } = this.overflow;
      this.overflow = undefined;
      this.onOverflow(bytes + last.length, head, lastBytes(Buffer.concat([tail, last])).toString('utf8'));
      return;
    }
    let line = last;
    if (this.pending.length) {
      this.pending.push(last);
      line = Buffer.concat(this.pending);
      this.pending = [];
      this.pendingBytes = 0;
    }
    if (line.length > this.maxLineBytes) this.onOverflow(line.length, line.subarray(0, EDGE).toString('utf8'), lastBytes(line).toString('utf8'));
    else this.onLine(line.toString('utf8'));
  }
}

/** How many bytes of each end of an over-long line are kept (enough to find a JSON-RPC id). */
const EDGE = 200;

function lastBytes(b: Buffer): Buffer {
  return b.length > EDGE ? b.subarray(b.length - EDGE) : b;
}
