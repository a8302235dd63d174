#!/usr/bin/env node
// Makes a fresh copy of demo/ at test-output/workspaces/f5 for the "Extension Tests" launch config (F5), so
// tests that edit files never touch demo/ itself. Usage: node scripts/prepare-test-workspace.mjs
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { copyDemoWorkspace, WORKSPACES_DIR } from './lib/workspace.mjs';

const dest = join(WORKSPACES_DIR, 'f5');
rmSync(dest, { recursive: true, force: true });
const fresh = copyDemoWorkspace('f5-tmp');
cpSync(fresh, dest, { recursive: true });
rmSync(fresh, { recursive: true, force: true });
console.log(`[prepare-test-workspace] ${dest}`);
