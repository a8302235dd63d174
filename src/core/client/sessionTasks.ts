// Tasks for a Session, in both eras: the task-augmented tools/call and tasks/* methods of 2025-11-25 (through the
// SDK Client), and the tasks extension of 2026-07-28 (`io.modelcontextprotocol/tasks`, raw requests with the
// per-request envelope, since the SDK has no schema for them and its input_required driver refuses task results).
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { ProtocolEra } from './protocolChoice';
import type { RequestCallOptions } from './types';

export interface TaskInfo {
  taskId: string;
  status: string;
  statusMessage?: string;
  pollInterval?: number;
  pollIntervalMs?: number;
  result?: unknown;
  [key: string]: unknown;
}

export type TaskStreamEvent = { type: 'taskCreated'; task: TaskInfo } | { type: 'taskStatus'; task: TaskInfo } | { type: 'result'; result: CallToolResult } | { type: 'error'; error: Error };

type Answer = Record<string, unknown>;

/** What SessionTasks needs of its Session. */
export interface TaskChannel {
  era(): ProtocolEra | undefined;
  /** A request through the SDK Client, any result accepted (2025 era). */
  clientRequest(method: string, params: Answer, options?: RequestCallOptions): Promise<Answer>;
  /** A request around the Client, with the 2026 envelope. */
  rawRequest(method: string, params: Answer, options?: RequestCallOptions): Promise<Answer>;
  answerInputRequests(requests: Record<string, { method?: string; params?: unknown }>, signal?: AbortSignal): Promise<Answer>;
  maxInputRounds(): number;
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

export class SessionTasks {
  constructor(private readonly channel: TaskChannel) {}

  /**
   * A tools/call that the server may run as a task: yields `taskCreated`, `taskStatus` updates, then `result` or
   * `error`. In the 2025 era this is the task-augmented call of 2025-11-25; in the 2026 era the tasks extension,
   * polled with tasks/get. `ttl` asks the server to keep the result that long (ms).
   */
  async *callToolAsTask(name: string, args: Answer, options: RequestCallOptions & { ttl?: number; pollMs?: number }): AsyncGenerator<TaskStreamEvent> {
    const modern = this.channel.era() === '2026';
    try {
      // 2025-11-25 asks for a task in the request; with the extension the server decides and answers resultType "task".
      const first = modern ? await this.modernCallMayBeTask(name, args, options) : await this.channel.clientRequest('tools/call', { name, arguments: args, task: { ttl: options.ttl ?? 60_000 } }, options);
      const created = (first.task ?? (first.resultType === 'task' ? first : undefined)) as TaskInfo | undefined;
      if (!created?.taskId) {
        yield { type: 'result', result: first as CallToolResult };
        return;
      }
      yield { type: 'taskCreated', task: created };
      let task = created;
      while (!TERMINAL.has(task.status)) {
        if (options.signal?.aborted) throw options.signal.reason ?? new Error('cancelled');
        await new Promise((r) => setTimeout(r, task.pollInterval ?? task.pollIntervalMs ?? options.pollMs ?? 500));
        task = await this.getTask(task.taskId, options);
        yield { type: 'taskStatus', task };
      }
      if (task.status !== 'completed') {
        const error = task.error as { message?: string } | undefined;
        yield { type: 'error', error: new Error(`The task ${task.status}${task.statusMessage ? `: ${task.statusMessage}` : error?.message ? `: ${error.message}` : ''}`) };
        return;
      }
      yield { type: 'result', result: modern ? ((task.result ?? {}) as CallToolResult) : await this.getTaskResult(task.taskId, options) };
    } catch (e) {
      yield { type: 'error', error: e as Error };
    }
  }

  /**
   * tools/call in the 2026 era where the answer may be a task (resultType "task"). The SDK's own input_required
   * driver rejects that result type, so this request goes around it and answers the input rounds here, with the
   * session's responders and round limit.
   */
  private async modernCallMayBeTask(name: string, args: Answer, options: RequestCallOptions): Promise<Answer> {
    const maxRounds = this.channel.maxInputRounds();
    let answer = await this.request('tools/call', { name, arguments: args }, options);
    for (let round = 1; answer.resultType === 'input_required'; round++) {
      if (round > maxRounds) throw new Error(`The server asked for input more than ${maxRounds} times in one call (the input round limit).`);
      const inputResponses = await this.channel.answerInputRequests((answer.inputRequests ?? {}) as Record<string, { method?: string; params?: unknown }>, options.signal);
      const retry: Answer = { name, arguments: args, inputResponses };
      if (typeof answer.requestState === 'string') retry.requestState = answer.requestState;
      answer = await this.request('tools/call', retry, options);
    }
    return answer;
  }

  async getTask(taskId: string, options?: RequestCallOptions): Promise<TaskInfo> {
    const r = await this.request('tasks/get', { taskId }, options);
    // 2025-11-25 answers with the task's fields; the extension may nest them under `task`.
    return (r.task as TaskInfo | undefined) ?? (r as unknown as TaskInfo);
  }

  /** The result of a finished 2025-era task (tasks/result). */
  async getTaskResult(taskId: string, options?: RequestCallOptions): Promise<CallToolResult> {
    return (await this.request('tasks/result', { taskId }, options)) as CallToolResult;
  }

  /** tasks/list (2025-11-25; the extension has no list). */
  async listTasks(cursor?: string, options?: RequestCallOptions): Promise<{ tasks: TaskInfo[]; nextCursor?: string }> {
    return (await this.request('tasks/list', cursor ? { cursor } : {}, options)) as { tasks: TaskInfo[]; nextCursor?: string };
  }

  /** tasks/cancel; 2025-11-25 answers with the task, the extension with an empty result. */
  async cancelTask(taskId: string, options?: RequestCallOptions): Promise<Partial<TaskInfo>> {
    return (await this.request('tasks/cancel', { taskId }, options)) as Partial<TaskInfo>;
  }

  /** tasks/update (tasks extension): answers the input an `input_required` task asks for. */
  updateTask(taskId: string, inputResponses: Answer, options?: RequestCallOptions): Promise<unknown> {
    return this.request('tasks/update', { taskId, inputResponses }, options);
  }

  /** Task methods go through the Client in the 2025 era and as raw requests in the 2026 era (the extension). */
  private request(method: string, params: Answer, options?: RequestCallOptions): Promise<Answer> {
    return this.channel.era() === '2026' ? this.channel.rawRequest(method, params, options) : this.channel.clientRequest(method, params, options);
  }
}
