// Tools: a searchable list with annotations, a generated form per tool, calls with progress, cancel and
// elapsed time, results (content, structured output checked against outputSchema, MCP Apps UI), history.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Tool } from '@modelcontextprotocol/client';
import type { ToolCallOutcome, TaskView } from '../../shared/inspectorProtocol';
import { Codicon } from '../components/Codicon';
import { ContentBlocks } from '../components/ContentBlocks';
import { JsonView } from '../components/JsonView';
import { Markdown } from '../components/Markdown';
import { SchemaForm } from '../components/SchemaForm';
import { scrollWithin } from '../components/scrollWithin';
import { AppFrame } from './AppFrame';
import { describeError, useInspector, useSnapshot } from './context';
import { toolInput, withToolInput } from './formInputs';
import { ItemList } from './ItemList';

const HISTORY_KEEP = 10;

export function ToolsTab({ onError }: { onError(msg: string): void }): ReactNode {
  const { store } = useInspector();
  const { catalogue, view } = useSnapshot();
  const selected = catalogue.tools.find((t) => t.name === view.selectedTool);
  return (
    <div className="split">
      <ItemList
        label="Tools"
        items={catalogue.tools}
        keyOf={(t) => t.name}
        selected={view.selectedTool}
        onSelect={(name) => store.updateView({ selectedTool: name })}
        render={(t) => (
          <>
            <span className="item-name">{t.title ?? t.name}</span>
            <ToolAnnotations tool={t} />
            {t.description ? <span className="item-desc">{firstLine(t.description)}</span> : null}
          </>
        )}
        searchText={(t) => `${t.name} ${t.title ?? ''} ${t.description ?? ''}`}
        emptyText="This server lists no tools."
      />
      <div className="detail">{selected ? <ToolDetail key={selected.name} tool={selected} onError={onError} /> : <p className="muted">Select a tool.</p>}</div>
    </div>
  );
}

function ToolAnnotations({ tool }: { tool: Tool }): ReactNode {
  const a = tool.annotations ?? {};
  const marks: [boolean | undefined, string, string][] = [
    [a.readOnlyHint, 'eye', 'read-only'],
    [a.destructiveHint, 'trash', 'destructive'],
    [a.idempotentHint, 'sync', 'idempotent'],
    [a.openWorldHint, 'globe', 'open world'],
    [Boolean(tool._meta && (tool._meta as Record<string, any>).ui?.resourceUri), 'window', 'has an app UI'],
    [(tool as any).execution?.taskSupport && (tool as any).execution.taskSupport !== 'forbidden', 'checklist', 'supports tasks'],
  ];
  return (
    <span className="annotations">
      {marks
        .filter(([on]) => on)
        .map(([, icon, label]) => (
          <span key={label} className="annotation" title={label} aria-label={label} role="img">
            <Codicon name={icon} />
          </span>
        ))}
    </span>
  );
}

interface Running {
  callId: string;
  started: number;
}

function ToolDetail({ tool, onError }: { tool: Tool; onError(msg: string): void }): ReactNode {
  const { host, store } = useInspector();
  const { view, progress, connection, inputRounds } = useSnapshot();
  const [running, setRunning] = useState<Running>();
  const [outcome, setOutcome] = useState<Outcome>();
  const now = useTicker(running !== undefined);
  const value = toolInput(view, tool.name);
  const history = view.toolHistory[tool.name] ?? [];
  // 2025-11-25 declares task support per tool; with the tasks extension (2026) the server decides per call.
  const taskSupport = ((tool as any).execution?.taskSupport as string | undefined) ?? (connection.era === '2026' && hasTasksExtension(connection.capabilities) ? 'optional' : undefined);
  const schema = useMemo(() => (tool.inputSchema ?? { type: 'object' }) as Record<string, unknown>, [tool]);

  const call = async (args: Record<string, unknown>, asTask: boolean) => {
    const callId = `${tool.name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    setRunning({ callId, started: Date.now() });
    setOutcome(undefined);
    try {
      const r = await host.request('callTool', { callId, name: tool.name, args, asTask });
      setOutcome('result' in r ? { ...r, args } : r);
      const key = JSON.stringify(args);
      const next = [args, ...history.filter((h) => JSON.stringify(h) !== key)].slice(0, HISTORY_KEEP);
      store.updateView({ toolHistory: { ...store.get().view.toolHistory, [tool.name]: next } });
    } catch (e) {
      setOutcome({ error: describeError(e) });
    } finally {
      setRunning(undefined);
    }
  };

  const p = running ? progress[running.callId] : undefined;
  const round = running ? inputRounds[running.callId] : undefined;
  return (
    <div className="tool-detail">
      <h2>
        {tool.title ?? tool.name} {tool.title ? <code className="muted">{tool.name}</code> : null}
      </h2>
      {tool.description ? <Markdown text={tool.description} onOpenLink={(url) => host.request('openUrl', { url }).catch((e) => onError(describeError(e)))} /> : null}
      {history.length > 0 ? (
        <label className="history">
          <Codicon name="history" /> Past inputs{' '}
          <select
            aria-label="Past inputs"
            value=""
            onChange={(e) => {
              const i = Number(e.target.value);
              if (!Number.isNaN(i)) store.updateView(withToolInput(store.get().view, tool.name, history[i]));
            }}
          >
            <option value="">choose…</option>
            {history.map((h, i) => (
              <option key={i} value={i}>
                {clip(JSON.stringify(h), 80)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <SchemaForm
        idPrefix={`tool-${tool.name}`}
        schema={schema}
        value={value}
        onChange={(v) => store.updateView(withToolInput(store.get().view, tool.name, v))}
        onSubmit={(args) => call(args, taskSupport === 'required')}
        submitLabel={taskSupport === 'required' ? 'Run as task' : 'Call tool'}
        busy={running !== undefined || connection.status !== 'connected'}
      >
        {taskSupport === 'optional' ? (
          <button type="button" disabled={running !== undefined} onClick={() => call(value as Record<string, unknown>, true)}>
            Run as task
          </button>
        ) : null}
      </SchemaForm>
      {running ? (
        <div className="call-running" role="status" aria-live="polite">
          <div className="row">
            <Codicon name="loading" spin /> Running… {((now - running.started) / 1000).toFixed(1)} s
            <button type="button" onClick={() => host.request('cancelCall', { callId: running.callId }).catch((e) => onError(describeError(e)))}>
              <Codicon name="debug-stop" /> Cancel
            </button>
          </div>
          {round ? (
            <p className="notice input-round">
              <Codicon name="question" /> The server needs input (round {round.round}): {round.requests.map((r) => r.method).join(', ')}. Answer it above, or cancel the call.
            </p>
          ) : null}
          {p ? (
            <div className="progress">
              <progress max={p.total ?? undefined} value={p.total ? p.progress : undefined} aria-label="Progress" />
              <span>
                {p.progress}
                {p.total ? ` / ${p.total}` : ''} {p.message ?? ''}
              </span>
            </div>
          ) : null}
        </div>
      ) : null}
      {outcome ? <OutcomeView outcome={outcome} tool={tool} /> : null}
    </div>
  );
}

/** What a call gave; a result keeps its arguments, which an MCP App receives as its tool input. */
type Outcome = (ToolCallOutcome & { args?: Record<string, unknown> }) | { task: TaskView } | { error: string };

function OutcomeView({ outcome, tool }: { outcome: Outcome; tool: Tool }): ReactNode {
  const { host } = useInspector();
  const ref = useRef<HTMLDivElement>(null);
  // A long form pushes the result below the fold: bring it into view when it arrives.
  useEffect(() => scrollWithin(ref.current, ref.current?.closest<HTMLElement>('.tab-panel')), [outcome]);
  return (
    <div ref={ref}>
      <OutcomeBody outcome={outcome} tool={tool} open={(url) => void host.request('openUrl', { url }).catch(() => undefined)} />
    </div>
  );
}

function OutcomeBody({ outcome, tool, open }: { outcome: Outcome; tool: Tool; open(url: string): void }): ReactNode {
  if ('error' in outcome) {
    return (
      <section className="result result-error" role="alert" aria-label="Call failed">
        <h3>
          <Codicon name="error" /> The request failed
        </h3>
        <pre className="plain-text">{outcome.error}</pre>
      </section>
    );
  }
  if ('task' in outcome) {
    return (
      <section className="result" aria-label="Task created">
        <h3>
          <Codicon name="checklist" /> Task {outcome.task.taskId}: {outcome.task.status}
        </h3>
        <p className="muted">Follow it in the Tasks tab.</p>
      </section>
    );
  }
  const { result, elapsedMs, outputErrors, hasOutputSchema, app, args } = outcome;
  return (
    <section className={`result${result.isError ? ' result-error' : ''}`} aria-label="Tool result">
      <h3>
        {result.isError ? (
          <>
            <Codicon name="error" /> Tool reported an error (isError)
          </>
        ) : (
          <>
            <Codicon name="pass" /> Result
          </>
        )}{' '}
        <span className="muted">in {elapsedMs.toFixed(0)} ms</span>
      </h3>
      <ContentBlocks blocks={(result.content ?? []) as unknown[]} onOpenLink={open} />
      {result.structuredContent !== undefined || hasOutputSchema ? (
        <div className="structured">
          <h4>Structured content</h4>
          {!hasOutputSchema ? (
            <p className="muted">The tool declares no outputSchema.</p>
          ) : outputErrors.length === 0 ? (
            <p className="ok">
              <Codicon name="pass" /> Matches the tool's outputSchema.
            </p>
          ) : (
            <div className="schema-errors" role="alert">
              <p>
                <Codicon name="warning" /> Does not match the tool's outputSchema:
              </p>
              <ul>
                {outputErrors.map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
            </div>
          )}
          {result.structuredContent !== undefined ? <JsonView value={result.structuredContent} label="Structured content" /> : null}
        </div>
      ) : null}
      {app ? <AppFrame app={app} tool={tool} toolInput={args} toolResult={result} /> : null}
    </section>
  );
}

function useTicker(on: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!on) return;
    const h = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(h);
  }, [on]);
  return now;
}

function firstLine(s: string): string {
  return clip(s.split('\n')[0], 120);
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

function hasTasksExtension(capabilities: unknown): boolean {
  const ext = (capabilities as { extensions?: Record<string, unknown> } | undefined)?.extensions;
  return Boolean(ext && TASKS_EXTENSION in ext);
}
