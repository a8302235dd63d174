#!/usr/bin/env node
// Creates (once) a Python virtual environment under .vscode-test/python-mcp with the MCP Python SDK 2.x (`mcp`)
// installed from the package index, for the tests that use a Python server as a third-party stdio subject.
// Idempotent; prints the venv's python path. Exits 1 with one sentence when python3 or the index is unavailable.
// Usage: node scripts/ensure-python-mcp.mjs   (or import { ensurePythonMcp } and call it)
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CACHE } from './ensure-toolchain.mjs';

export const PYTHON_MCP_VERSION = '2.3.0';
export const PYTHON_MCP_DIR = join(CACHE, 'python-mcp');
const MARKER = join(PYTHON_MCP_DIR, `.mcp-${PYTHON_MCP_VERSION}-installed`);
const INSTALL_TIMEOUT_MS = 300_000;

export function pythonMcpBin() { return join(PYTHON_MCP_DIR, 'bin', 'python'); }

function log(msg) { process.stderr.write(`[python-mcp] ${msg}\n`); }

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });
  if (r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ');
    throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} failed: ${why}`);
  }
}

/** Returns the venv's python path, creating the venv and installing `mcp` first when needed. */
export function ensurePythonMcp() {
  if (existsSync(MARKER) && existsSync(pythonMcpBin())) return pythonMcpBin();
  log(`creating ${PYTHON_MCP_DIR} with mcp==${PYTHON_MCP_VERSION}`);
  rmSync(PYTHON_MCP_DIR, { recursive: true, force: true });
  try {
    run('python3', ['-m', 'venv', PYTHON_MCP_DIR]);
    run(pythonMcpBin(), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `mcp==${PYTHON_MCP_VERSION}`]);
    run(pythonMcpBin(), ['-c', 'from mcp.server.mcpserver import MCPServer']);
  } catch (e) {
    rmSync(PYTHON_MCP_DIR, { recursive: true, force: true });
    throw e;
  }
  writeFileSync(MARKER, `${new Date().toISOString()}\n`);
  return pythonMcpBin();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.stdout.write(`${ensurePythonMcp()}\n`);
  } catch (e) {
    process.stderr.write(`The MCP Python SDK could not be installed: ${e.message}\n`);
    process.exit(1);
  }
}
