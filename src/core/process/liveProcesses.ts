// Every server process this program started and has not seen exit, so that the program can stop them all when it
// is itself told to stop (SIGTERM from a CI runner, Ctrl-C) or exits: no server is left reparented to PID 1.
interface Killable {
  killNow(): void;
}

const live = new Set<Killable>();
let exitHookInstalled = false;

export function trackProcess(p: Killable): void {
  live.add(p);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // 'exit' listeners run synchronously; process.kill is synchronous, so the groups get SIGKILL before we go.
    process.on('exit', killAllProcesses);
  }
}

export function untrackProcess(p: Killable): void {
  live.delete(p);
}

export function liveProcessCount(): number {
  return live.size;
}

export function killAllProcesses(): void {
  for (const p of live) p.killNow();
  live.clear();
}
