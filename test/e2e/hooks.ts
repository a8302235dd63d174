// Loaded with mocha --require by scripts/run-e2e.mjs: stops the shared code-server and Chromium after all specs.
import { stopShared } from './harness';

export async function mochaGlobalTeardown(): Promise<void> {
  await stopShared();
}
