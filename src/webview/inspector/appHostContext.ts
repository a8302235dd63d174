// The part of an MCP App's host context that comes from the VS Code theme: light or dark, and the spec's
// style variables filled with the current values of VS Code's theme colours and fonts (the app's document
// cannot read our CSS variables, so it gets the computed values).
import type { McpUiHostContext, McpUiStyleVariableKey, McpUiStyles } from '@modelcontextprotocol/ext-apps/app-bridge';

const FROM_VSCODE: Partial<Record<McpUiStyleVariableKey, string>> = {
  '--color-background-primary': '--vscode-editor-background',
  '--color-background-secondary': '--vscode-sideBar-background',
  '--color-background-tertiary': '--vscode-editorWidget-background',
  '--color-background-info': '--vscode-inputValidation-infoBackground',
  '--color-background-danger': '--vscode-inputValidation-errorBackground',
  '--color-background-warning': '--vscode-inputValidation-warningBackground',
  '--color-background-disabled': '--vscode-disabledForeground',
  '--color-text-primary': '--vscode-foreground',
  '--color-text-secondary': '--vscode-descriptionForeground',
  '--color-text-info': '--vscode-editorInfo-foreground',
  '--color-text-danger': '--vscode-errorForeground',
  '--color-text-success': '--vscode-testing-iconPassed',
  '--color-text-warning': '--vscode-editorWarning-foreground',
  '--color-text-disabled': '--vscode-disabledForeground',
  '--color-border-primary': '--vscode-panel-border',
  '--color-border-secondary': '--vscode-widget-border',
  '--color-ring-primary': '--vscode-focusBorder',
  '--font-sans': '--vscode-font-family',
  '--font-mono': '--vscode-editor-font-family',
  '--font-text-md-size': '--vscode-font-size',
};

export function vscodeTheme(body: HTMLElement = document.body): 'light' | 'dark' {
  return body.classList.contains('vscode-light') || body.classList.contains('vscode-high-contrast-light') ? 'light' : 'dark';
}

export function vscodeThemeContext(): Pick<McpUiHostContext, 'theme' | 'styles'> {
  const computed = getComputedStyle(document.documentElement);
  const variables: Partial<McpUiStyles> = {};
  for (const [key, vscodeVar] of Object.entries(FROM_VSCODE) as [McpUiStyleVariableKey, string][]) {
    const value = computed.getPropertyValue(vscodeVar).trim();
    if (value) variables[key] = value;
  }
  return { theme: vscodeTheme(), styles: { variables: variables as McpUiStyles } };
}
