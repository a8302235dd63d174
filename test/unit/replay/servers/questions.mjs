// Verify fixture that serves both eras (SDK v2 serveStdio) with the same catalogue in each: a direct answer, a
// confirmation (elicitation), a summary (sampling), a two-round wizard carrying requestState, and progress. The handlers are
// written once with input_required; the SDK asks a 2025 client with server requests instead.
import { McpServer, acceptedContent, fromJsonSchema, inputRequired, inputResponse } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

const text = (t) => ({ content: [{ type: 'text', text: t }] });
const object = (properties = {}, required = []) => fromJsonSchema({ type: 'object', properties, required });
const ask = (message, field) => inputRequired.elicit({ message, requestedSchema: { type: 'object', properties: { [field]: { type: 'string' } }, required: [field] } });

function create() {
  const server = new McpServer({ name: 'questions', version: '1.0.0' }, { capabilities: { tools: {}, logging: {} } });
  server.registerTool('echo', { description: 'Returns its text.', inputSchema: object({ text: { type: 'string' } }, ['text']) }, ({ text: t }) => text(t));
  server.registerTool('add', { description: 'Adds two numbers.', inputSchema: object({ a: { type: 'number' }, b: { type: 'number' } }, ['a', 'b']) }, ({ a, b }) => text(String(a + b)));
  server.registerTool('confirm', { description: 'Asks to confirm.', inputSchema: object({ action: { type: 'string' } }, ['action']) }, ({ action }, ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'confirm');
    if (answer.kind !== 'elicit') {
      return inputRequired({ inputRequests: { confirm: inputRequired.elicit({ message: `Really ${action}?`, requestedSchema: { type: 'object', properties: { confirm: { type: 'boolean' } }, required: ['confirm'] } }) } });
    }
    return text(answer.action === 'accept' && answer.content?.confirm === true ? `confirmed: ${action}` : 'not confirmed');
  });
  server.registerTool('summarize', { description: "Asks the client's model for a summary.", inputSchema: object({ text: { type: 'string' } }, ['text']) }, ({ text: t }, ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'summary');
    if (answer.kind !== 'sampling') return inputRequired({ inputRequests: { summary: inputRequired.createMessage({ messages: [{ role: 'user', content: { type: 'text', text: `Summarise: ${t}` } }], maxTokens: 50 }) } });
    return text(`summary: ${answer.result.content.text} (model ${answer.result.model})`);
  });
  // Reports STEPS (default 2) progress notifications; another STEPS is a build whose notifications changed.
  server.registerTool('count', { description: 'Counts, reporting progress.', inputSchema: object() }, async (_args, ctx) => {
    const steps = Number(process.env.STEPS ?? 2);
    const token = ctx.mcpReq._meta?.progressToken;
    for (let i = 1; i <= steps; i++) if (token !== undefined) await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress: i, total: steps } });
    return text('counted');
  });
  server.registerTool('wizard', { description: 'Asks a name, then a colour, one round each.', inputSchema: object() }, (_args, ctx) => {
    const name = acceptedContent(ctx.mcpReq.inputResponses, 'name');
    const state = ctx.mcpReq.requestState();
    if (!state && !name) return inputRequired({ inputRequests: { name: ask('Your name?', 'name') } });
    if (name) return inputRequired({ inputRequests: { color: ask('Favourite colour?', 'color') }, requestState: JSON.stringify({ name: name.name }) });
    const color = acceptedContent(ctx.mcpReq.inputResponses, 'color');
    return text(`${JSON.parse(state).name} likes ${color?.color ?? '(no answer)'}`);
  });
  return server;
}

serveStdio(() => create(), { onerror: (e) => process.stderr.write(`questions: ${e.message}\n`) });
