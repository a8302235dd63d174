// Webview entry (the inspector and trace viewer UI).
export {};
