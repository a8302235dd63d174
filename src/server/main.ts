// Language server entry (dist/server.js): a connection over IPC or stdio, the real machine as runtime.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { nodeEnvironment } from '../core/manifest/validateManifest';
import { startServer } from './manifestServer';

startServer(createConnection(ProposedFeatures.all), {
  environment: (folders) => nodeEnvironment(folders),
  envNames: () => Object.keys(process.env).filter((k) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k)).sort(),
});
