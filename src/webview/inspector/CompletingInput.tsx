// A text input whose suggestions come from the server's completion/complete, as the user types.
import { useEffect, useId, useState, type ReactNode } from 'react';

export function CompletingInput(props: {
  label: string;
  value: string;
  required?: boolean;
  description?: string;
  onChange(v: string): void;
  complete(value: string): Promise<string[]>;
}): ReactNode {
  const { label, value, required, description, onChange, complete } = props;
  const id = useId();
  const [options, setOptions] = useState<string[]>([]);
  useEffect(() => {
    let stale = false;
    const h = setTimeout(() => {
      complete(value).then(
        (vals) => !stale && setOptions(vals.slice(0, 100)),
        () => !stale && setOptions([]),
      );
    }, 150);
    return () => {
      stale = true;
      clearTimeout(h);
    };
  }, [value]);
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span aria-label="required"> *</span> : null}
      </label>
      <input id={id} type="text" list={`${id}-list`} value={value} required={required} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
      <datalist id={`${id}-list`}>
        {options.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      {description ? <div className="muted">{description}</div> : null}
    </div>
  );
}
