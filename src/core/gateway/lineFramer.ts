// Splits a byte stream into newline-terminated lines without copying more than needed: chunks are only joined
// when a line spans several of them (large payloads), so the common one-message-per-chunk case costs one slice.
export class LineFramer {
  private pending: Buffer[] = [];

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    let nl = chunk.indexOf(10, start);
    while (nl !== -1) {
      let line: Buffer = chunk.subarray(start, nl);
      if (this.pending.length) {
        this.pending.push(line);
        line = Buffer.concat(this.pending);
        this.pending = [];
      }
      this.onLine(line.toString('utf8'));
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  /** What is left without a final newline (a child that exits mid-line). */
  flush(): void {
    if (!this.pending.length) return;
    const rest = Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    if (rest.trim()) this.onLine(rest);
  }
}
