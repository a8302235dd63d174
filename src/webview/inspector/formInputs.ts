// What the developer typed into the forms, kept in the view state by item (a tool's name, a prompt's name, a
// resource template's URI template). The forms read and write only here, never component state, so the inputs
// survive what remounts a form: a reconnect, an era switch, a catalogue refresh in which the item is missing for
// a while, a tab switch, a webview reload. Nothing is dropped when an item leaves the catalogue: it may come back.
import type { InspectorViewState } from '../../shared/inspectorProtocol';

type View = Pick<InspectorViewState, 'toolInputs' | 'promptInputs' | 'templateInputs'>;

/** The kinds of forms of named string parameters. */
export type ParamForm = 'prompt' | 'template';

export function toolInput(view: View, tool: string): unknown {
  return view.toolInputs[tool] ?? {};
}

/** The view patch that sets a tool's form value. */
export function withToolInput(view: View, tool: string, value: unknown): Pick<InspectorViewState, 'toolInputs'> {
  return { toolInputs: { ...view.toolInputs, [tool]: value } };
}

export function paramInputs(view: View, form: ParamForm, key: string): Record<string, string> {
  return (form === 'prompt' ? view.promptInputs[key] : view.templateInputs?.[key]) ?? {};
}

/** The view patch that sets one parameter of a prompt's or a template's form, keeping its other parameters. */
export function withParamInput(view: View, form: ParamForm, key: string, param: string, value: string): Partial<InspectorViewState> {
  const values = { ...paramInputs(view, form, key), [param]: value };
  return form === 'prompt' ? { promptInputs: { ...view.promptInputs, [key]: values } } : { templateInputs: { ...view.templateInputs, [key]: values } };
}
