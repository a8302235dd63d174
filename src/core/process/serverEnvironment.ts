// One environment policy for every face that starts a stdio server (CLI, inspector, gateway, verify, mock):
// the server inherits the environment of the process that starts it, like any Unix tool, and the entry's own
// variables (`--env`, a config entry's env/envFile) are added on top.
export function serverEnvironment(extra: Record<string, string> | undefined, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  return extra ? Object.assign(env, extra) : env;
}
