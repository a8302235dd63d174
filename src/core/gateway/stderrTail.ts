// Keeps the last few kilobytes of a child's stderr so a crash can be explained in the error sent to the client.
export class StderrTail {
  private text = '';

  constructor(private readonly maxChars = 2000) {}

  append(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.maxChars * 2) this.text = this.text.slice(-this.maxChars);
  }

  /** The last lines, trimmed to maxChars. */
  get(): string {
    return this.text.slice(-this.maxChars).trim();
  }
}
