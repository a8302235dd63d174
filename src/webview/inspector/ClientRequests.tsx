// What the server asks of the client: sampling requests for review (edit and approve, or draft the reply with
// a VS Code language model), and elicitation requests as forms (accept/decline/cancel) or URLs to open.
import { useState, type ReactNode } from 'react';
import type { ElicitationRequestView, SamplingRequestView } from '../../shared/inspectorProtocol';
import { Codicon } from '../components/Codicon';
import { JsonView } from '../components/JsonView';
import { SchemaForm } from '../components/SchemaForm';
import { ContentBlock } from '../components/ContentBlocks';
import { describeError, useInspector, useSnapshot } from './context';

export function ClientRequests({ onError }: { onError(msg: string): void }): ReactNode {
  const { clientRequests } = useSnapshot();
  if (clientRequests.length === 0) return null;
  return (
    <div className="client-requests" role="region" aria-label="Requests from the server">
      {clientRequests.map((r) =>
        r.kind === 'sampling' ? <SamplingReview key={r.requestId} request={r} onError={onError} /> : <ElicitationForm key={r.requestId} request={r} onError={onError} />,
      )}
    </div>
  );
}

function SamplingReview({ request, onError }: { request: SamplingRequestView; onError(msg: string): void }): ReactNode {
  const { host } = useInspector();
  const params = (request.params ?? {}) as { messages?: { role: string; content: unknown }[]; systemPrompt?: string; maxTokens?: number };
  const [text, setText] = useState('');
  const [model, setModel] = useState('mcp-workbench-review');
  const [chosen, setChosen] = useState(request.models[0] ?? '');
  const [drafting, setDrafting] = useState(false);
  const run = (p: Promise<unknown>) => p.catch((e) => onError(describeError(e)));
  return (
    <section className="client-request sampling" aria-label="Sampling request">
      <h2>
        <Codicon name="sparkle" /> The server asks for a model reply (sampling/createMessage)
      </h2>
      {params.systemPrompt ? (
        <p>
          <strong>System:</strong> {params.systemPrompt}
        </p>
      ) : null}
      <div className="prompt-messages">
        {(params.messages ?? []).map((m, i) => (
          <div key={i} className={`message message-${m.role}`}>
            <div className="message-role">{m.role}</div>
            {Array.isArray(m.content) ? m.content.map((c, j) => <ContentBlock key={j} block={c as Record<string, unknown>} />) : <ContentBlock block={(m.content ?? {}) as Record<string, unknown>} />}
          </div>
        ))}
      </div>
      <details>
        <summary>Full request</summary>
        <JsonView value={request.params} />
      </details>
      <label htmlFor={`reply-${request.requestId}`}>Reply (assistant text)</label>
      <textarea id={`reply-${request.requestId}`} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      <div className="row">
        <label>
          Model name <input type="text" value={model} onChange={(e) => setModel(e.target.value)} aria-label="Model name reported to the server" />
        </label>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          onClick={() => run(host.request('answerSampling', { requestId: request.requestId, result: { role: 'assistant', content: { type: 'text', text }, model, stopReason: 'endTurn' } }))}
        >
          <Codicon name="check" /> Approve reply
        </button>
        <button type="button" onClick={() => run(host.request('answerSampling', { requestId: request.requestId, reject: 'The user declined the sampling request.' }))}>
          <Codicon name="close" /> Reject
        </button>
        {request.models.length > 0 ? (
          <span className="row">
            <select aria-label="Language model" value={chosen} onChange={(e) => setChosen(e.target.value)}>
              {request.models.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
            <button
              type="button"
              disabled={drafting}
              onClick={() => {
                setDrafting(true);
                host
                  .request('sampleWithModel', { requestId: request.requestId, model: chosen })
                  .then((r) => {
                    const draft = r as { text?: string; model?: string };
                    setText(draft.text ?? '');
                    if (draft.model) setModel(draft.model);
                  }, (e) => onError(describeError(e)))
                  .finally(() => setDrafting(false));
              }}
            >
              <Codicon name="sparkle" /> Draft with model
            </button>
          </span>
        ) : (
          <span className="muted">No VS Code language model is available to draft a reply.</span>
        )}
      </div>
    </section>
  );
}

function ElicitationForm({ request, onError }: { request: ElicitationRequestView; onError(msg: string): void }): ReactNode {
  const { host } = useInspector();
  const [value, setValue] = useState<unknown>({});
  const answer = (action: 'accept' | 'decline' | 'cancel', content?: Record<string, unknown>) =>
    host.request('answerElicitation', { requestId: request.requestId, action, content }).catch((e) => onError(describeError(e)));
  const others = (
    <>
      <button type="button" onClick={() => answer('decline')}>
        Decline
      </button>
      <button type="button" onClick={() => answer('cancel')}>
        Cancel
      </button>
    </>
  );
  return (
    <section className="client-request elicitation" aria-label="Elicitation request">
      <h2>
        <Codicon name="question" /> The server asks for input (elicitation/create)
      </h2>
      <p>{request.message}</p>
      {request.mode === 'url' ? (
        <>
          <p>
            It asks you to open <code>{request.url}</code>
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              onClick={() =>
                host.request('openUrl', { url: request.url ?? '' }).then((opened) => (opened ? answer('accept') : undefined), (e) => onError(describeError(e)))
              }
            >
              <Codicon name="link-external" /> Open link and accept
            </button>
            {others}
          </div>
        </>
      ) : (
        <SchemaForm
          idPrefix={`elicit-${request.requestId}`}
          schema={request.requestedSchema ?? { type: 'object' }}
          value={value}
          onChange={setValue}
          onSubmit={(v) => answer('accept', v)}
          submitLabel="Accept"
        >
          {others}
        </SchemaForm>
      )}
    </section>
  );
}
