// A tokenizer-free estimate of how many tokens a text costs a model. BPE tokenizers spend about one token per
// four characters of English words and about one per punctuation mark, so JSON (dense in quotes, braces
// and colons) is counted by its pieces rather than by length alone. Good to ~15% on tool definitions.

const PIECES = /[A-Za-z]+|\d+|[^\sA-Za-z\d]/gu;

export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const m of text.matchAll(PIECES)) {
    const s = m[0];
    if (/^[A-Za-z]+$/.test(s)) tokens += Math.max(1, Math.ceil(s.length / 4.5));
    else if (/^\d+$/.test(s)) tokens += Math.max(1, Math.ceil(s.length / 3));
    else tokens += 1;
  }
  return tokens;
}

/** The part of a tool definition a client puts into a model's context. */
export function toolContextText(tool: { name: string; title?: string; description?: string; inputSchema?: unknown; outputSchema?: unknown }): string {
  return JSON.stringify({ name: tool.name, description: tool.description ?? tool.title ?? '', input_schema: tool.inputSchema ?? {}, ...(tool.outputSchema ? { output_schema: tool.outputSchema } : {}) });
}
