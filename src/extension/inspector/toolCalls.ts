// Tool calls from the Tools tab: plain, as a task, or followed as a task because the tasks extension may turn
// any call into one; the outcome with its outputSchema check and app UI; cancelling; and which panel call an
// input round (2026) belongs to, found through the JSON-RPC id of the tools/call that carried it.
import type { CallToolResult, Tool } from '@modelcontextprotocol/client';
import type { InputRound, Session } from '../../core/client';
import { validateValue } from '../../core/lint';
import type { AppUiView, InputRoundView, ParamsOf, ResultOf, ToolCallOutcome } from '../../shared/inspectorProtocol';
import type { HandlerGroup, PanelContext } from './handlerTable';
import type { TaskTracker } from './taskTracker';
import { taskView } from './taskTracker';

const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

export interface CallContext extends PanelContext {
  tasks: TaskTracker;
  toolNamed(name: string): Tool | undefined;
  appFor(tool: Tool): Promise<AppUiView | undefined>;
  /** A method the server embedded in an input round (a deprecated one becomes a Lint note). */
  noteMethod(method: string | undefined): void;
  /** Abandons the forms of server requests still waiting for the developer, if any. */
  abandonClientRequests(reason: string): void;
}

export class ToolCalls {
  private readonly calls = new Map<string, AbortController>();
  private readonly callNames = new Map<string, string>();
  /** JSON-RPC id of a tools/call -> the panel's callId, so an input round names the call it belongs to. */
  private readonly rpcCalls = new Map<string | number, string>();

  constructor(private readonly ctx: CallContext) {}

  /** Ends every call in flight (the connection closed or is being replaced). */
  abortAll(reason: string): void {
    for (const c of this.calls.values()) c.abort(new Error(reason));
    this.calls.clear();
  }

  /** A message sent: the first tools/call of a panel call gives its JSON-RPC id (retries carry inputResponses). */
  observeSent(m: { id?: string | number; method?: string; params?: { name?: string } }): void {
    if (m.method !== 'tools/call' || m.id === undefined || 'inputResponses' in (m.params ?? {})) return;
    for (const [callId, name] of this.callNames) {
      if (name === m.params?.name && ![...this.rpcCalls.values()].includes(callId)) {
        this.rpcCalls.set(m.id, callId);
        break;
      }
    }
  }

  /** The server needs input before it answers a call: the panel shows the round on that call. */
  inputRound(r: InputRound): void {
    const requests = Object.entries(r.requests).map(([key, req]) => ({ key, method: String((req as { method?: unknown })?.method ?? '') }));
    for (const q of requests) this.ctx.noteMethod(q.method);
    const round: InputRoundView = { callId: this.rpcCalls.get(r.callId), round: r.round, method: r.method, requests };
    this.ctx.post({ type: 'inputRound', round });
  }

  private async callTool(p: ParamsOf<'callTool'>): Promise<ResultOf<'callTool'>> {
    const session = this.ctx.requireSession();
    const ac = new AbortController();
    this.calls.set(p.callId, ac);
    this.callNames.set(p.callId, p.name);
    const started = performance.now();
    const onProgress = (pr: { progress: number; total?: number; message?: string }) => this.ctx.post({ type: 'progress', progress: { callId: p.callId, ...pr } });
    try {
      // With the tasks extension (2026) the server may answer any call with a task: follow it either way.
      const extensionTasks = session.info.era === '2026' && Boolean((session.info.capabilities as { extensions?: Record<string, unknown> } | undefined)?.extensions?.[TASKS_EXTENSION]);
      if (p.asTask || extensionTasks) return await this.callAsTask(session, p, ac, onProgress, started);
      const result = await session.callTool(p.name, p.args, { signal: ac.signal, onProgress });
      return await this.outcome(p.name, result, performance.now() - started);
    } finally {
      this.calls.delete(p.callId);
      this.callNames.delete(p.callId);
      for (const [rpc, id] of this.rpcCalls) if (id === p.callId) this.rpcCalls.delete(rpc);
      this.ctx.post({ type: 'inputRound', callId: p.callId });
    }
  }

  private async callAsTask(session: Session, p: ParamsOf<'callTool'>, ac: AbortController, onProgress: (pr: { progress: number }) => void, started: number): Promise<ResultOf<'callTool'>> {
    const stream = session.callToolAsTask(p.name, p.args, { signal: ac.signal, onProgress });
    const first = await stream.next();
    if (first.done) throw new Error('The server ended the task stream without a result.');
    const m = first.value;
    if (m.type === 'result') return this.outcome(p.name, m.result as CallToolResult, performance.now() - started);
    if (m.type === 'error') throw m.error;
    const task = taskView(m.task);
    this.ctx.tasks.upsert(task);
    this.ctx.tasks.follow(session, stream, task.taskId);
    return { task };
  }

  private async outcome(name: string, result: CallToolResult, elapsedMs: number): Promise<ToolCallOutcome> {
    const tool = this.ctx.toolNamed(name);
    const hasOutputSchema = Boolean(tool?.outputSchema);
    let outputErrors: string[] = [];
    if (hasOutputSchema && !result.isError) {
      outputErrors = result.structuredContent === undefined ? ['The tool declares an outputSchema but returned no structuredContent.'] : validateValue(tool!.outputSchema, result.structuredContent);
    }
    const app = tool ? await this.ctx.appFor(tool) : undefined;
    return { result, elapsedMs, outputErrors, hasOutputSchema, app };
  }

  readonly handlers: HandlerGroup<'callTool' | 'cancelCall'> = {
    callTool: (p) => this.callTool(p),
    cancelCall: ({ callId }) => {
      this.calls.get(callId)?.abort(new Error('Cancelled by the user.'));
      // A call waiting for input (2026): its embedded requests are abandoned with it.
      if ([...this.rpcCalls.values()].includes(callId)) this.ctx.abandonClientRequests('The call was cancelled.');
    },
  };
}
