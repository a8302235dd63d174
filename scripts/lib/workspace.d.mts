// Types for workspace.mjs.
export declare const DEMO_DIR: string;
export declare const WORKSPACES_DIR: string;
export declare function copyDemoWorkspace(name?: string): string;
