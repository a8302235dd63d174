// rjsf button templates drawn with codicons and labelled for screen readers (the default theme expects
// Bootstrap's glyphicons, which this webview does not load).
import type { IconButtonProps, SubmitButtonProps, TemplatesType } from '@rjsf/utils';
import type { ReactNode } from 'react';
import { Codicon } from './Codicon';

function button(icon: string, fallbackLabel: string) {
  return function FormIconButton(props: IconButtonProps): ReactNode {
    const { icon: _icon, iconType: _type, uiSchema: _ui, registry: _reg, className, title, ...rest } = props;
    const label = title ?? fallbackLabel;
    return (
      <button type="button" className={`icon-button form-icon-button ${className ?? ''}`} title={label} aria-label={label} {...rest}>
        <Codicon name={icon} />
      </button>
    );
  };
}

function AddButton(props: IconButtonProps): ReactNode {
  const { icon: _icon, iconType: _type, uiSchema: _ui, registry: _reg, className, title, ...rest } = props;
  return (
    <button type="button" className={`form-add-button ${className ?? ''}`} title={title ?? 'Add item'} {...rest}>
      <Codicon name="add" /> Add
    </button>
  );
}

/** The form is submitted by SchemaForm's own button; rjsf's is hidden. */
function NoSubmit(_props: SubmitButtonProps): ReactNode {
  return null;
}

export const formTemplates: Partial<TemplatesType> = {
  ButtonTemplates: {
    AddButton,
    CopyButton: button('copy', 'Copy item'),
    MoveDownButton: button('arrow-down', 'Move item down'),
    MoveUpButton: button('arrow-up', 'Move item up'),
    RemoveButton: button('trash', 'Remove item'),
    ClearButton: button('close', 'Clear'),
    SubmitButton: NoSubmit,
  },
};
