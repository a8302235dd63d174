// The Tasks tab: the tasks this panel knows, in both eras. The tasks extension (2026) has tasks/get polling,
// tasks/update for a task that waits for input, and no tasks/list; 2025-11-25 has tasks/list and tasks/result.
import type { Session } from '../../core/client';
import type { TaskView } from '../../shared/inspectorProtocol';
import type { HandlerGroup, PanelContext } from './handlerTable';

const TERMINAL_TASK = new Set(['completed', 'failed', 'cancelled']);

type TaskStream = ReturnType<Session['callToolAsTask']>;

export interface TaskContext extends PanelContext {
  /** A method embedded in a task's input request (a deprecated one becomes a Lint note). */
  noteMethod(method: string | undefined): void;
}

export class TaskTracker {
  tasks: TaskView[] = [];
  /** Tasks whose input requests are being answered (tasks/update), so polling does not ask twice. */
  private readonly answering = new Set<string>();

  constructor(private readonly ctx: TaskContext) {}

  upsert(t: TaskView): void {
    const i = this.tasks.findIndex((x) => x.taskId === t.taskId);
    this.tasks = i >= 0 ? this.tasks.map((x, j) => (j === i ? { ...x, ...t } : x)) : [...this.tasks, t];
    this.ctx.post({ type: 'tasks', tasks: this.tasks });
  }

  /** Keeps following a task in the background; the Tasks tab shows its progress and result. */
  follow(session: Session, stream: TaskStream, taskId: string): void {
    void (async () => {
      try {
        for await (const next of stream) {
          if (next.type === 'taskStatus' || next.type === 'taskCreated') {
            this.upsert(taskView(next.task));
            if (next.task.status === 'input_required') void this.answerInput(session, next.task);
          } else if (next.type === 'result') this.upsert({ taskId, status: 'completed' });
          else if (next.type === 'error') this.upsert({ taskId, status: 'failed', statusMessage: next.error.message });
        }
      } catch (e) {
        this.upsert({ taskId, status: 'failed', statusMessage: (e as Error).message });
      }
    })();
  }

  /**
   * A task of the tasks extension waits for input: each embedded request goes to the same review UI as a
   * server request (elicitation, sampling, roots), then tasks/update answers them all.
   */
  private async answerInput(session: Session, task: { taskId: string; inputRequests?: unknown }): Promise<void> {
    const requests = (task.inputRequests ?? {}) as Record<string, { method?: string; params?: unknown }>;
    if (this.answering.has(task.taskId) || Object.keys(requests).length === 0) return;
    this.answering.add(task.taskId);
    const ac = new AbortController();
    try {
      for (const req of Object.values(requests)) this.ctx.noteMethod(req.method);
      await session.updateTask(task.taskId, await session.answerInputRequests(requests, ac.signal));
    } catch (e) {
      this.ctx.note(`answering the input of task ${task.taskId} failed: ${(e as Error).message}`);
    } finally {
      this.answering.delete(task.taskId);
    }
  }

  readonly handlers: HandlerGroup<'listTasks' | 'getTask' | 'taskResult' | 'cancelTask'> = {
    listTasks: async () => {
      const session = this.ctx.requireSession();
      if (session.info.era === '2026') {
        // The tasks extension has no tasks/list: refresh the tasks this panel knows.
        for (const t of this.tasks.filter((x) => !TERMINAL_TASK.has(x.status))) this.upsert(taskView(await session.getTask(t.taskId)));
        return this.tasks;
      }
      const r = await session.listTasks();
      for (const t of r.tasks) this.upsert(taskView(t));
      return this.tasks;
    },
    getTask: async ({ taskId }) => {
      const t = taskView(await this.ctx.requireSession().getTask(taskId));
      this.upsert(t);
      return t;
    },
    taskResult: async ({ taskId }) => {
      const session = this.ctx.requireSession();
      // The extension inlines the result in tasks/get; 2025-11-25 has tasks/result.
      return session.info.era === '2026' ? (await session.getTask(taskId)).result : session.getTaskResult(taskId);
    },
    cancelTask: async ({ taskId }) => {
      await this.ctx.requireSession().cancelTask(taskId);
      this.upsert({ taskId, status: 'cancelled' });
    },
  };
}

/** A task of either era as the Tasks tab shows it (the extension says ttlMs and pollIntervalMs). */
export function taskView(t: { taskId: string; status: string; statusMessage?: unknown; createdAt?: unknown; lastUpdatedAt?: unknown; ttl?: unknown; ttlMs?: unknown; pollInterval?: unknown; pollIntervalMs?: unknown; inputRequests?: unknown }): TaskView {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const num = (...vs: unknown[]) => vs.find((v): v is number => typeof v === 'number');
  return {
    taskId: t.taskId,
    status: t.status,
    statusMessage: str(t.statusMessage),
    createdAt: str(t.createdAt),
    lastUpdatedAt: str(t.lastUpdatedAt),
    ttl: num(t.ttl, t.ttlMs) ?? (t.ttl === null ? null : undefined),
    pollInterval: num(t.pollInterval, t.pollIntervalMs),
    waitingFor: t.status === 'input_required' && t.inputRequests && typeof t.inputRequests === 'object' ? Object.keys(t.inputRequests) : undefined,
  };
}
