// Requests the server makes of the client (sampling, elicitation), held until the developer answers in the
// panel. A request the server cancels (its signal aborts) disappears from the panel. Free of `vscode`.
import type { CreateMessageResult, ElicitRequest, ElicitResult } from '@modelcontextprotocol/client';
import type { ElicitationResponder, ResponderContext, SamplingResponder } from '../../core/client';
import type { ClientRequestView } from '../../shared/inspectorProtocol';

interface Waiting {
  resolve(v: unknown): void;
  reject(e: Error): void;
  params: unknown;
}

export class ClientRequestBroker {
  private next = 1;
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly show: (r: ClientRequestView) => void,
    private readonly done: (requestId: string) => void,
    /** Names of the language models that could draft a sampling reply (VS Code's, in the extension). */
    private readonly listModels: () => Promise<string[]> = async () => [],
  ) {}

  readonly sampling: SamplingResponder = async (params, ctx) => {
    const models = await this.listModels().catch(() => []);
    return (await this.wait(ctx, params, (requestId) => ({ kind: 'sampling', requestId, params, models }))) as CreateMessageResult;
  };

  readonly elicitation: ElicitationResponder = async (params, ctx) => {
    const p = params as ElicitRequest['params'] & { mode?: string; url?: string; requestedSchema?: Record<string, unknown> };
    return (await this.wait(ctx, params, (requestId) => ({
      kind: 'elicitation',
      requestId,
      mode: p.mode === 'url' ? 'url' : 'form',
      message: String(p.message ?? ''),
      requestedSchema: p.requestedSchema,
      url: p.url,
    }))) as ElicitResult;
  };

  get pending(): string[] {
    return [...this.waiting.keys()];
  }

  answer(requestId: string, value: unknown): void {
    const w = this.take(requestId);
    w.resolve(value);
  }

  reject(requestId: string, message: string): void {
    const w = this.take(requestId);
    w.reject(new Error(message));
  }

  paramsOf(requestId: string): unknown {
    const w = this.waiting.get(requestId);
    if (!w) throw new Error('That request is no longer pending (the server may have cancelled it).');
    return w.params;
  }

  /** Rejects everything still pending (the connection closed). */
  cancelAll(reason: string): void {
    for (const id of [...this.waiting.keys()]) this.reject(id, reason);
  }

  private take(requestId: string): Waiting {
    const w = this.waiting.get(requestId);
    if (!w) throw new Error('That request is no longer pending (the server may have cancelled it).');
    this.waiting.delete(requestId);
    this.done(requestId);
    return w;
  }

  private wait(ctx: ResponderContext, params: unknown, view: (id: string) => ClientRequestView): Promise<unknown> {
    const requestId = `${this.next++}`;
    return new Promise((resolve, reject) => {
      this.waiting.set(requestId, { resolve, reject, params });
      ctx.signal.addEventListener('abort', () => this.waiting.has(requestId) && this.reject(requestId, 'The server cancelled the request.'), { once: true });
      this.show(view(requestId));
    });
  }
}
