// How the CLI answers the questions a tool asks (elicitation, sampling): from --input-response values, by the key
// the server gave the question (2026 input_required) or by its method (2025 server requests); else on a terminal;
// else the call fails with a sentence naming each question and how to supply it.
import { createInterface } from 'node:readline/promises';
import type { ConnectOptions, ElicitationResponder, InputRound, SamplingResponder } from '../core/client/types';
import { stableJson } from '../core/util/stableJson';

export interface UnansweredQuestion {
  key: string;
  method: string;
  summary: string;
  example: string;
}

export class CliInputResponders {
  /** Questions nobody could answer: the command reports them when the call fails. */
  readonly unanswered: UnansweredQuestion[] = [];
  private lastRound: InputRound | undefined;

  constructor(
    private readonly supplied: Record<string, unknown>,
    private readonly interactive: boolean,
  ) {}

  /** Give it every inputRequired event, so an embedded request can be found by its key. */
  onRound(round: InputRound): void {
    this.lastRound = round;
  }

  options(): Pick<ConnectOptions, 'elicitation' | 'sampling'> {
    const elicitation: ElicitationResponder = async (params) => {
      const key = this.keyOf('elicitation/create', params);
      const given = this.given(key, 'elicitation/create');
      if (given !== undefined) return given as Awaited<ReturnType<ElicitationResponder>>;
      if (this.interactive) return askElicitation(params as Record<string, unknown>);
      throw this.missing(key, 'elicitation/create', describeElicitation(params as Record<string, unknown>), exampleElicitation(params as Record<string, unknown>));
    };
    const sampling: SamplingResponder = async (params) => {
      const key = this.keyOf('sampling/createMessage', params);
      const given = this.given(key, 'sampling/createMessage');
      if (given !== undefined) return given as Awaited<ReturnType<SamplingResponder>>;
      if (this.interactive) return askSampling(params as Record<string, unknown>);
      throw this.missing(key, 'sampling/createMessage', 'a model reply (sampling)', `{"role":"assistant","model":"manual","content":{"type":"text","text":"..."}}`);
    };
    return { elicitation, sampling };
  }

  /** The server's key for this request in the last input_required round, or the method (2025 server requests). */
  private keyOf(method: string, params: unknown): string {
    const candidates = Object.entries(this.lastRound?.requests ?? {}).filter(([, r]) => (r as { method?: string }).method === method);
    // The SDK hands the responder the params it parsed (defaults filled, keys reordered): compare them canonically.
    const wanted = stableJson(params);
    const exact = candidates.find(([, r]) => stableJson((r as { params?: unknown }).params) === wanted);
    if (exact) return exact[0];
    return candidates.length === 1 ? candidates[0][0] : method;
  }

  /** The answer given by the server's key, or by the method (so one command line serves both eras). */
  private given(key: string, method: string): unknown {
    if (key in this.supplied) return this.supplied[key];
    return method in this.supplied ? this.supplied[method] : undefined;
  }

  private missing(key: string, method: string, summary: string, example: string): Error {
    if (!this.unanswered.some((q) => q.key === key)) this.unanswered.push({ key, method, summary, example });
    return new Error(`No answer for the question "${key}" (no terminal to ask, and no --input-response ${key}=...)`);
  }
}

function describeElicitation(p: Record<string, unknown>): string {
  if (p.mode === 'url') return `open ${String(p.url)} (${String(p.message ?? '')})`;
  const fields = Object.keys(((p.requestedSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
  return `"${String(p.message ?? '')}"${fields.length ? `, fields: ${fields.join(', ')}` : ''}`;
}

function exampleElicitation(p: Record<string, unknown>): string {
  if (p.mode === 'url') return '{"action":"accept"}';
  const props = ((p.requestedSchema as { properties?: Record<string, { type?: string; enum?: unknown[] }> } | undefined)?.properties ?? {}) as Record<string, { type?: string; enum?: unknown[] }>;
  const content: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(props)) content[name] = s.enum?.[0] ?? (s.type === 'boolean' ? true : s.type === 'number' || s.type === 'integer' ? 0 : '...');
  return JSON.stringify({ action: 'accept', content });
}

async function ask<T>(f: (question: (q: string) => Promise<string>) => Promise<T>): Promise<T> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return await f((q) => rl.question(q));
  } finally {
    rl.close();
  }
}

async function askElicitation(p: Record<string, unknown>): ReturnType<ElicitationResponder> {
  return ask(async (question) => {
    process.stderr.write(`\nThe server asks: ${String(p.message ?? '')}\n`);
    if (p.mode === 'url') {
      const a = await question(`Open ${String(p.url)} and press Enter when done (n to decline): `);
      return { action: a.trim().toLowerCase() === 'n' ? 'decline' : 'accept' };
    }
    const props = ((p.requestedSchema as { properties?: Record<string, { type?: string; title?: string; description?: string; enum?: string[] }> })?.properties ?? {}) as Record<string, { type?: string; title?: string; description?: string; enum?: string[] }>;
    const content: Record<string, string | number | boolean> = {};
    for (const [name, s] of Object.entries(props)) {
      const label = `${s.title ?? name}${s.description ? ` (${s.description})` : ''}${s.enum ? ` [${s.enum.join('/')}]` : s.type === 'boolean' ? ' [y/n]' : ''}: `;
      const answer = (await question(label)).trim();
      if (answer === '') continue;
      content[name] = s.type === 'boolean' ? /^y(es)?$|^true$/i.test(answer) : s.type === 'number' || s.type === 'integer' ? Number(answer) : answer;
    }
    const go = (await question('Send these answers? [Y/n/c(ancel)]: ')).trim().toLowerCase();
    if (go === 'c') return { action: 'cancel' };
    if (go === 'n') return { action: 'decline' };
    return { action: 'accept', content };
  });
}

async function askSampling(p: Record<string, unknown>): ReturnType<SamplingResponder> {
  return ask(async (question) => {
    process.stderr.write('\nThe server asks for a model reply (sampling). Its messages:\n');
    for (const m of (p.messages as Array<{ role: string; content: { type: string; text?: string } }>) ?? []) process.stderr.write(`  ${m.role}: ${m.content?.text ?? `[${m.content?.type}]`}\n`);
    const text = await question('Reply: ');
    return { role: 'assistant', model: 'mcp-workbench (typed by the user)', content: { type: 'text', text } };
  });
}

