// Prompts: arguments with completions, and the resulting messages rendered.
import { useState, type ReactNode } from 'react';
import type { GetPromptResult, Prompt } from '@modelcontextprotocol/client';
import { Codicon } from '../components/Codicon';
import { ContentBlock } from '../components/ContentBlocks';
import { describeError, useInspector, useSnapshot } from './context';
import { ItemList } from './ItemList';
import { CompletingInput } from './CompletingInput';
import { paramInputs, withParamInput } from './formInputs';

export function PromptsTab({ onError }: { onError(msg: string): void }): ReactNode {
  const { store } = useInspector();
  const { catalogue, view } = useSnapshot();
  const selected = catalogue.prompts.find((p) => p.name === view.selectedPrompt);
  return (
    <div className="split">
      <ItemList
        label="Prompts"
        items={catalogue.prompts}
        keyOf={(p) => p.name}
        selected={view.selectedPrompt}
        onSelect={(name) => store.updateView({ selectedPrompt: name })}
        render={(p) => (
          <>
            <span className="item-name">{p.title ?? p.name}</span>
            {p.description ? <span className="item-desc">{p.description}</span> : null}
          </>
        )}
        searchText={(p) => `${p.name} ${p.title ?? ''} ${p.description ?? ''}`}
        emptyText="This server lists no prompts."
      />
      <div className="detail">{selected ? <PromptDetail key={selected.name} prompt={selected} onError={onError} /> : <p className="muted">Select a prompt.</p>}</div>
    </div>
  );
}

function PromptDetail({ prompt, onError }: { prompt: Prompt; onError(msg: string): void }): ReactNode {
  const { host, store } = useInspector();
  const { view } = useSnapshot();
  const values = paramInputs(view, 'prompt', prompt.name);
  const [result, setResult] = useState<GetPromptResult>();
  const set = (name: string, v: string) => store.updateView(withParamInput(store.get().view, 'prompt', prompt.name, name, v));
  return (
    <div>
      <h2>{prompt.title ?? prompt.name}</h2>
      {prompt.description ? <p>{prompt.description}</p> : null}
      <form
        className="param-form"
        onSubmit={(e) => {
          e.preventDefault();
          const args = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
          host.request('getPrompt', { name: prompt.name, args }).then(setResult, (err) => onError(describeError(err)));
        }}
      >
        {(prompt.arguments ?? []).map((a) => (
          <CompletingInput
            key={a.name}
            label={a.name}
            required={a.required}
            description={a.description}
            value={values[a.name] ?? ''}
            onChange={(v) => set(a.name, v)}
            complete={(value) => host.request('complete', { ref: { type: 'ref/prompt', name: prompt.name }, argument: a.name, value, context: values })}
          />
        ))}
        <button type="submit" className="primary">
          <Codicon name="play" /> Get prompt
        </button>
      </form>
      {result ? (
        <section aria-label="Prompt messages" className="prompt-messages">
          {result.description ? <p className="muted">{result.description}</p> : null}
          {result.messages.map((m, i) => (
            <div key={i} className={`message message-${m.role}`}>
              <div className="message-role">{m.role}</div>
              <ContentBlock block={m.content as Record<string, unknown>} />
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}
