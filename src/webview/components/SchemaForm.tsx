// A form generated from a JSON Schema (@rjsf/core with a CSP-safe validator), with a raw JSON editor one
// click away. Both views edit the same value; sending validates first and shows what is wrong.
import Form from '@rjsf/core';
import { getDefaultFormState, type RJSFSchema, type UiSchema } from '@rjsf/utils';
import { pruneUntouched } from './formValues';
import { useMemo, useState, type ReactNode } from 'react';
import { CspSafeValidator, validateValue } from './cspSafeValidator';
import { formTemplates } from './formTemplates';

const validator = new CspSafeValidator();

/** The value the form shows before anyone types: defaults, consts and the first branch of each oneOf. */
function untouchedValue(schema: RJSFSchema): unknown {
  try {
    return getDefaultFormState(validator, schema, undefined, schema);
  } catch {
    return undefined;
  }
}

export interface SchemaFormProps {
  schema: Record<string, unknown>;
  value: unknown;
  onChange(value: unknown): void;
  onSubmit(value: Record<string, unknown>): void;
  submitLabel: string;
  busy?: boolean;
  /** Extra buttons next to submit. */
  children?: ReactNode;
  idPrefix: string;
}

export function SchemaForm(props: SchemaFormProps): ReactNode {
  const { schema, value, onChange, onSubmit, submitLabel, busy, children, idPrefix } = props;
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [raw, setRaw] = useState<string>(() => JSON.stringify(value ?? {}, null, 2));
  const [errors, setErrors] = useState<string[]>([]);
  const formSchema = schema as RJSFSchema;
  const untouched = useMemo(() => untouchedValue(formSchema), [formSchema]);
  const uiSchema = useMemo<UiSchema>(() => ({ 'ui:submitButtonOptions': { norender: true } }), []);

  const submit = (raw: unknown) => {
    // Fields the developer left empty are undefined in the form's data: they are not sent at all.
    const plain = raw === undefined ? {} : JSON.parse(JSON.stringify(raw));
    const v = mode === 'form' ? pruneUntouched(plain, untouched, formSchema, formSchema as Record<string, unknown>) : plain;
    const problems = validateValue(schema, v);
    setErrors(problems);
    if (problems.length === 0) onSubmit(v as Record<string, unknown>);
  };

  const switchTo = (next: 'form' | 'json') => {
    if (next === mode) return;
    if (next === 'json') setRaw(JSON.stringify(value ?? {}, null, 2));
    else {
      try {
        onChange(JSON.parse(raw));
      } catch (err) {
        setErrors([`The JSON does not parse: ${(err as Error).message}`]);
        return;
      }
    }
    setErrors([]);
    setMode(next);
  };

  return (
    <div className="schema-form">
      <div className="segmented" role="radiogroup" aria-label="Input mode">
        <button type="button" role="radio" aria-checked={mode === 'form'} className={mode === 'form' ? 'active' : ''} onClick={() => switchTo('form')}>
          Form
        </button>
        <button type="button" role="radio" aria-checked={mode === 'json'} className={mode === 'json' ? 'active' : ''} onClick={() => switchTo('json')}>
          JSON
        </button>
      </div>
      {mode === 'form' ? (
        <Form
          schema={formSchema}
          uiSchema={uiSchema}
          formData={value}
          validator={validator}
          templates={formTemplates}
          idPrefix={idPrefix}
          noHtml5Validate
          showErrorList={false}
          onChange={(e) => onChange(e.formData)}
          onSubmit={(e) => submit(e.formData)}
        />
      ) : (
        <textarea
          className="json-editor"
          aria-label="Arguments as JSON"
          spellCheck={false}
          value={raw}
          onChange={(e) => {
            setRaw(e.target.value);
            // Text that parses is the value at once, so it outlives this form (a tab switch, a remount).
            const parsed = parseObject(e.target.value);
            if (parsed) onChange(parsed);
          }}
          rows={Math.min(24, Math.max(6, raw.split('\n').length + 1))}
        />
      )}
      {errors.length > 0 ? (
        <ul className="form-errors" role="alert">
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => {
            if (mode === 'form') submit(value ?? {});
            else {
              try {
                const parsed = JSON.parse(raw);
                onChange(parsed);
                submit(parsed);
              } catch (err) {
                setErrors([`The JSON does not parse: ${(err as Error).message}`]);
              }
            }
          }}
        >
          {submitLabel}
        </button>
        {children}
      </div>
    </div>
  );
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
