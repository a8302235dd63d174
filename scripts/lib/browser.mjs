// Debian's Chromium driven by playwright-core, with the flags that work headless on these machines.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../ensure-toolchain.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** Launches headless Chromium (headed when MCPWB_HEADED=1, for debugging on a desktop). */
export async function launchChromium() {
  const executablePath = process.env.MCPWB_CHROMIUM ?? CHROMIUM;
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}; install the Debian package chromium (apt-get install -y chromium) or set MCPWB_CHROMIUM`);
  return chromium.launch({ executablePath, headless: process.env.MCPWB_HEADED !== '1', args: CHROMIUM_ARGS });
}
