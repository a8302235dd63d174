// Recording inspector connections into the workspace: always on (setting mcpWorkbench.recording.enabled), or
// between Start Recording and Stop Recording, or for one server (mcpWorkbench.recordServer from a code lens).
// Files go to mcpWorkbench.recording.folder (default .mcp/traces) with size caps; a status bar item shows it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectTarget } from '../../core/client/types';
import { Session } from '../../core/client/session';
import { RotatingTraceWriter } from '../../core/replay/recordingFolder';
import { eraOfVersion, type TraceConnectionInfo } from '../../core/traffic/traceEvents';
import { toServerRef } from '../serverRef';
import { refKey } from '../inspector/serverTarget';
import { inspectorSessions, type InspectorSessionInfo } from './sessionHooks';

const MB = 1024 * 1024;

/** What the trace header records of a connected session. */
function connectionOf(session: Session): TraceConnectionInfo {
  const i = session.info;
  const protocolVersion = i.protocolVersion ?? 'unknown';
  return {
    era: i.era ?? eraOfVersion(protocolVersion),
    protocolVersion,
    initialize: i.initialize as Record<string, unknown> | undefined,
    discover: i.discover as Record<string, unknown> | undefined,
  };
}

export interface RecordingSettings {
  enabled: boolean;
  folder: string;
  maxFileSizeMB: number;
  maxFolderSizeMB: number;
}

export function readRecordingSettings(): RecordingSettings {
  const c = vscode.workspace.getConfiguration('mcpWorkbench.recording');
  return {
    enabled: c.get<boolean>('enabled', false),
    folder: c.get<string>('folder', '.mcp/traces'),
    maxFileSizeMB: Math.max(1, c.get<number>('maxFileSizeMB', 50)),
    maxFolderSizeMB: Math.max(1, c.get<number>('maxFolderSizeMB', 500)),
  };
}

interface Active {
  key: string;
  label: string;
  writer: RotatingTraceWriter;
  detach: () => void;
}

export interface RecordingApi {
  /** Files being written now. */
  activeFiles(): string[];
  /** The file being written for one inspector panel (by its key). */
  activeFile(key: string): string | undefined;
  /** Every file written since activation (tests). */
  writtenFiles(): string[];
  isRecording(key?: string): boolean;
}

export function registerRecording(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): RecordingApi {
  let manual = false; // Start Recording .. Stop Recording
  const armed = new Set<string>(); // panels asked for by Record (code lens)
  const live = new Map<string, InspectorSessionInfo>(); // the latest session of each panel
  const active = new Map<string, Active>();
  const written: string[] = [];
  const status = vscode.window.createStatusBarItem('mcpWorkbench.recording', vscode.StatusBarAlignment.Left, 50);
  status.name = 'MCP Recording';
  status.command = 'mcpWorkbench.stopRecording';

  const folderUri = (): vscode.Uri | undefined => {
    const s = readRecordingSettings();
    if (path.isAbsolute(s.folder)) return vscode.Uri.file(s.folder);
    const ws = vscode.workspace.workspaceFolders?.[0];
    return ws ? vscode.Uri.joinPath(ws.uri, s.folder) : undefined;
  };

  const wanted = (key: string) => manual || armed.has(key) || readRecordingSettings().enabled;

  const updateStatus = () => {
    if (active.size === 0) {
      status.hide();
      return;
    }
    const names = [...active.values()].map((a) => a.label);
    status.text = `$(record) Recording ${active.size === 1 ? names[0] : `${active.size} servers`}`;
    status.tooltip = `MCP traffic is being recorded to:\n${[...active.values()].map((a) => vscode.workspace.asRelativePath(a.writer.file)).join('\n')}\nClick to stop.`;
    status.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    status.show();
  };

  const stop = (key: string) => {
    const a = active.get(key);
    if (!a) return;
    a.detach();
    a.writer.close();
    active.delete(key);
    log.info(`recording: stopped ${a.label} (${a.writer.files.map((f) => vscode.workspace.asRelativePath(f)).join(', ')})`);
    updateStatus();
  };

  const start = (info: InspectorSessionInfo) => {
    stop(info.key);
    const folder = folderUri();
    if (!folder) {
      log.warn('recording: no workspace folder to record into');
      return;
    }
    const s = readRecordingSettings();
    const secrets = secretsOf(info.target);
    let writer: RotatingTraceWriter;
    try {
      writer = new RotatingTraceWriter(folder.fsPath, info.label, Session.traceTarget(info.target), { maxFileBytes: s.maxFileSizeMB * MB, maxFolderBytes: s.maxFolderSizeMB * MB }, secrets, (removed) =>
        log.info(`recording: removed ${removed.length} old trace(s) to stay under ${s.maxFolderSizeMB} MB`),
      );
    } catch (e) {
      void vscode.window.showErrorMessage(`Cannot record into ${folder.fsPath}: ${(e as Error).message}`);
      return;
    }
    written.push(writer.file);
    // The header records the era: at once for a live session, else when its connect completes.
    if (info.session.state === 'connected') writer.connected(connectionOf(info.session));
    else writer.connecting();
    const offTraffic = info.session.on('traffic', (e) => {
      const before = writer.file;
      writer.write(e);
      if (writer.file !== before) {
        written.push(writer.file);
        updateStatus();
      }
    });
    const offState = info.session.on('state', ({ state }) => {
      if (state === 'connected') writer.connected(connectionOf(info.session));
      if (state === 'failed') writer.connectFailed();
      if (state === 'closed' || state === 'failed') stop(info.key);
    });
    active.set(info.key, { key: info.key, label: info.label, writer, detach: () => (offTraffic.dispose(), offState.dispose()) });
    log.info(`recording: ${info.label} -> ${vscode.workspace.asRelativePath(writer.file)}`);
    updateStatus();
  };

  context.subscriptions.push(
    status,
    inspectorSessions.subscribe((info) => {
      live.set(info.key, info);
      if (wanted(info.key)) start(info);
    }),
    vscode.commands.registerCommand('mcpWorkbench.startRecording', () => {
      manual = true;
      // Sessions already open start recording now; new ones as they connect.
      for (const info of live.values()) if (info.session.state === 'connected' && !info.session.isClosing && !active.has(info.key)) start(info);
      void vscode.window.showInformationMessage(`Recording MCP traffic of inspector connections into ${readRecordingSettings().folder}.`);
      updateStatus();
    }),
    vscode.commands.registerCommand('mcpWorkbench.stopRecording', () => {
      manual = false;
      armed.clear();
      for (const key of [...active.keys()]) stop(key);
      if (readRecordingSettings().enabled) void vscode.window.showInformationMessage('Recording stays on for new connections: the setting mcpWorkbench.recording.enabled is on.');
    }),
    vscode.commands.registerCommand('mcpWorkbench.recordServer', async (arg?: unknown) => {
      const ref = toServerRef(arg);
      if (!ref) {
        void vscode.window.showErrorMessage('Record needs a configured server ({ file, name }); use the Record code lens or the Servers view.');
        return undefined;
      }
      const key = refKey(ref);
      armed.add(key);
      // A panel closed a moment ago may still report 'connected' while its transport shuts: record only a live one.
      const current = live.get(key);
      if (current && current.session.state === 'connected' && !current.session.isClosing) start(current);
      // Opens (or reveals) the inspector for the server; its session is recorded as it connects.
      return vscode.commands.executeCommand<string | undefined>('mcpWorkbench.inspectServer', ref);
    }),
    { dispose: () => [...active.keys()].forEach(stop) },
  );

  return {
    activeFiles: () => [...active.values()].map((a) => a.writer.file),
    activeFile: (key) => active.get(key)?.writer.file,
    writtenFiles: () => [...written],
    isRecording: (key) => (key ? active.has(key) : active.size > 0),
  };
}

function secretsOf(target: ConnectTarget): string[] {
  if (target.kind === 'stdio') return Object.values(target.env ?? {});
  return Object.values(target.headers ?? {});
}
