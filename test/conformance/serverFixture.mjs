// The stdio server that the official conformance suite tests in server mode, behind the gateway. It serves both
// protocol eras (SDK v2 serveStdio) and provides the suite's fixture tools, resources and prompts for the frozen
// requirement sets 2025-11-25 and 2026-07-28 (names and shapes from the suite's scenario descriptions). Tools that
// need the client's input return input_required results, which the SDK serves as server->client requests in the
// 2025 era; in the 2026-07-28 era it also serves the tasks extension (not scored) through the era fixtures' small
// hand-written tasks module. Run: node serverFixture.mjs (stdio); importers get the per-connection factory.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  McpServer,
  ResourceTemplate,
  acceptedContent,
  completable,
  createRequestStateCodec,
  fromJsonSchema,
  inputRequired,
  inputResponse,
} from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';
import { addTasksMethods, asTask, sleepUnlessAborted } from '../fixtures/servers/eras/tasks.mjs';

// A 1x1 transparent PNG and a 44-byte silent WAV header: the smallest valid media of each kind.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const WAV = Buffer.from('524946462400000057415645666d7420100000000100010044ac000088580100020010006461746100000000', 'hex').toString('base64');
const CLIENT_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
const COMPLETIONS = ['paris', 'park', 'party', 'test', 'testing'];
const HOUR = { ttlMs: 3_600_000, cacheScope: 'public' };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const text = (t) => ({ content: [{ type: 'text', text: t }] });
const noArgs = fromJsonSchema({ type: 'object', properties: {} });
const args = (properties, required = []) => fromJsonSchema({ type: 'object', properties, required });
const form = (properties, required = []) => ({ type: 'object', properties, required });
const ask = (message, properties, required) => inputRequired.elicit({ message, requestedSchema: form(properties, required) });
const askName = (message) => ask(message, { name: { type: 'string' } }, ['name']);
const samplingText = (view) => {
  const c = view.result.content;
  return Array.isArray(c) ? c.map((b) => b.text ?? '').join('') : (c.text ?? JSON.stringify(c));
};

// requestState is HMAC-sealed (the suite tampers with it); one process serves every round of a flow.
const codec = createRequestStateCodec({ key: randomBytes(32) });

/** One server instance per connection; `era` is what serveStdio passes ('legacy' | 'modern'). */
export function createConformanceServer({ era = 'legacy' } = {}) {
  const server = new McpServer(
    { name: 'mcp-workbench-conformance-fixture', version: '1.0.0' },
    {
      capabilities: {
        tools: { listChanged: true },
        resources: { subscribe: true, listChanged: true },
        prompts: { listChanged: true },
        logging: {},
        completions: {},
      },
      cacheHints: { 'tools/list': HOUR, 'prompts/list': HOUR, 'resources/list': HOUR, 'resources/templates/list': HOUR, 'resources/read': { ttlMs: 0, cacheScope: 'private' } },
      requestState: { verify: codec.verify },
    },
  );
  const tool = (name, description, inputSchema, handler) => server.registerTool(name, { description, inputSchema }, handler);

  tool('test_simple_text', 'Returns simple text', noArgs, () => text('This is a simple text response for testing.'));
  tool('test_image_content', 'Returns an image', noArgs, () => ({ content: [{ type: 'image', data: PNG, mimeType: 'image/png' }] }));
  tool('test_audio_content', 'Returns audio', noArgs, () => ({ content: [{ type: 'audio', data: WAV, mimeType: 'audio/wav' }] }));
  tool('test_embedded_resource', 'Returns an embedded resource', noArgs, () => ({
    content: [{ type: 'resource', resource: { uri: 'test://embedded-resource', mimeType: 'text/plain', text: 'This is an embedded resource content.' } }],
  }));
  tool('test_multiple_content_types', 'Returns text, image and a resource', noArgs, () => ({
    content: [
      { type: 'text', text: 'Multiple content types test:' },
      { type: 'image', data: PNG, mimeType: 'image/png' },
      { type: 'resource', resource: { uri: 'test://mixed-content-resource', mimeType: 'application/json', text: '{"test":"data","value":123}' } },
    ],
  }));
  const logThree = async (_args, ctx) => {
    for (const [i, data] of ['Tool execution started', 'Tool processing data', 'Tool execution completed'].entries()) {
      if (i) await sleep(50);
      await ctx.mcpReq.log('info', data);
    }
    return text('Tool with logging executed successfully');
  };
  tool('test_tool_with_logging', 'Logs three messages while it runs', noArgs, logThree);
  // 2026-07-28: logs only when the request's _meta names a log level (the SDK filters).
  tool('test_logging_tool', 'Logs three messages at the level the request asks for', noArgs, logThree);
  tool('test_error_handling', 'Always fails with isError', noArgs, () => ({ isError: true, content: [{ type: 'text', text: 'This tool intentionally returns an error for testing' }] }));
  tool('test_tool_with_progress', 'Reports progress 0, 50, 100', noArgs, async (_args, ctx) => {
    const token = ctx.mcpReq._meta?.progressToken;
    for (const [i, progress] of [0, 50, 100].entries()) {
      if (i) await sleep(50);
      if (token !== undefined) await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress, total: 100 } });
    }
    return text('Tool with progress executed successfully');
  });
  tool('test_reconnection', 'Runs long enough for the stream to be dropped and resumed', noArgs, async (_args, ctx) => {
    await ctx.mcpReq.log('info', 'reconnection test started');
    await sleep(300);
    return text('Reconnection test completed successfully');
  });
  server.registerTool(
    'json_schema_2020_12_tool',
    {
      description: 'Tool with JSON Schema 2020-12 features',
      inputSchema: fromJsonSchema({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        $defs: { address: { $anchor: 'addressDef', type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } } },
        properties: {
          name: { type: 'string' },
          address: { $ref: '#/$defs/address' },
          contactMethod: { type: 'string', enum: ['phone', 'email'] },
          phone: { type: 'string' },
          email: { type: 'string' },
        },
        allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
        if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
        then: { required: ['phone'] },
        else: { required: ['email'] },
        additionalProperties: false,
      }),
    },
    (a) => text(`Received ${JSON.stringify(a)}`),
  );

  // Client input, written once for both eras.
  tool('test_sampling', 'Asks the client to sample', args({ prompt: { type: 'string' } }, ['prompt']), ({ prompt }, ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'sampling');
    if (answer.kind !== 'sampling') {
      return inputRequired({ inputRequests: { sampling: inputRequired.createMessage({ messages: [{ role: 'user', content: { type: 'text', text: String(prompt) } }], maxTokens: 100 }) } });
    }
    return text(`LLM response: ${samplingText(answer)}`);
  });
  const elicitTool = (name, description, inputSchema, params, reply) =>
    tool(name, description, inputSchema, (a, ctx) => {
      const answer = inputResponse(ctx.mcpReq.inputResponses, 'answer');
      if (answer.kind !== 'elicit') return inputRequired({ inputRequests: { answer: inputRequired.elicit(params(a)) } });
      return text(`${reply}: action=${answer.action}, content=${JSON.stringify(answer.content ?? {})}`);
    });
  elicitTool('test_elicitation', 'Asks the user for input', args({ message: { type: 'string' } }, ['message']), ({ message }) => ({
    message: String(message),
    requestedSchema: form({ username: { type: 'string', description: "User's response" }, email: { type: 'string', description: "User's email address" } }, ['username', 'email']),
  }), 'User response');
  elicitTool('test_elicitation_sep1034_defaults', 'Elicitation with defaults for every primitive type', noArgs, () => ({
    message: 'Please review and update the form fields with defaults',
    requestedSchema: form({
      name: { type: 'string', description: 'User name', default: 'John Doe' },
      age: { type: 'integer', description: 'User age', default: 30 },
      score: { type: 'number', description: 'User score', default: 95.5 },
      status: { type: 'string', description: 'User status', enum: ['active', 'inactive', 'pending'], default: 'active' },
      verified: { type: 'boolean', description: 'Verification status', default: true },
    }),
  }), 'Elicitation completed');
  elicitTool('test_elicitation_sep1330_enums', 'Elicitation with every enum variant', noArgs, () => ({
    message: 'Please choose from the enum fields',
    requestedSchema: form({
      untitledSingle: { type: 'string', enum: ['option1', 'option2', 'option3'] },
      titledSingle: { type: 'string', oneOf: [{ const: 'value1', title: 'First Option' }, { const: 'value2', title: 'Second Option' }, { const: 'value3', title: 'Third Option' }] },
      legacyEnum: { type: 'string', enum: ['opt1', 'opt2', 'opt3'], enumNames: ['Option One', 'Option Two', 'Option Three'] },
      untitledMulti: { type: 'array', items: { type: 'string', enum: ['option1', 'option2', 'option3'] } },
      titledMulti: { type: 'array', items: { anyOf: [{ const: 'value1', title: 'First Choice' }, { const: 'value2', title: 'Second Choice' }, { const: 'value3', title: 'Third Choice' }] } },
    }),
  }), 'Elicitation completed');

  // The 2026-07-28 multi-round-trip scenarios (SEP-2322).
  // 2026-07-28: the answer to a call that needs input is an input_required result, never a request on the stream.
  elicitTool('test_streaming_elicitation', 'Asks for a name while the call is open', noArgs, () => ({ message: 'What is your name?', requestedSchema: form({ name: { type: 'string' } }, ['name']) }), 'Streaming elicitation');
  tool('test_input_required_result_elicitation', 'Asks for a name (one elicitation)', noArgs, (_a, ctx) => {
    const answer = acceptedContent(ctx.mcpReq.inputResponses, 'user_name');
    if (typeof answer?.name !== 'string') return inputRequired({ inputRequests: { user_name: askName('What is your name?') } });
    return text(`Hello, ${answer.name}!`);
  });
  tool('test_input_required_result_sampling', 'Asks the model a question (one sampling request)', noArgs, (_a, ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'capital_question');
    if (answer.kind !== 'sampling') {
      return inputRequired({
        inputRequests: { capital_question: inputRequired.createMessage({ messages: [{ role: 'user', content: { type: 'text', text: 'What is the capital of France?' } }], maxTokens: 100 }) },
      });
    }
    return text(`The model said: ${samplingText(answer)}`);
  });
  tool('test_input_required_result_list_roots', "Lists the client's roots (one roots/list request)", noArgs, (_a, ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'client_roots');
    if (answer.kind !== 'roots') return inputRequired({ inputRequests: { client_roots: inputRequired.listRoots() } });
    return text(`Roots: ${answer.roots.map((r) => r.uri).join(', ') || '(none)'}`);
  });
  tool('test_input_required_result_request_state', 'Asks for confirmation and carries requestState', noArgs, async (_a, ctx) => {
    const state = ctx.mcpReq.requestState();
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'confirm');
    if (state?.flow !== 'confirm' || answer.kind !== 'elicit') {
      return inputRequired({ inputRequests: { confirm: ask('Please confirm', { ok: { type: 'boolean' } }, ['ok']) }, requestState: await codec.mint({ flow: 'confirm' }) });
    }
    return text(`state-ok: confirmed=${answer.content?.ok === true}`);
  });
  tool('test_input_required_result_multiple_inputs', 'Asks for a name, a greeting and the roots in one round', noArgs, async (_a, ctx) => {
    const responses = ctx.mcpReq.inputResponses;
    const name = acceptedContent(responses, 'user_name');
    const greeting = inputResponse(responses, 'greeting');
    const roots = inputResponse(responses, 'client_roots');
    if (ctx.mcpReq.requestState()?.flow !== 'multiple' || !name || greeting.kind !== 'sampling' || roots.kind !== 'roots') {
      return inputRequired({
        inputRequests: {
          user_name: askName('What is your name?'),
          greeting: inputRequired.createMessage({ messages: [{ role: 'user', content: { type: 'text', text: 'Generate a greeting' } }], maxTokens: 50 }),
          client_roots: inputRequired.listRoots(),
        },
        requestState: await codec.mint({ flow: 'multiple' }),
      });
    }
    return text(`${samplingText(greeting)}, ${name.name}; roots: ${roots.roots.map((r) => r.uri).join(', ') || '(none)'}`);
  });
  tool('test_input_required_result_multi_round', 'Asks a name, then a colour, one round each', noArgs, async (_a, ctx) => {
    const state = ctx.mcpReq.requestState();
    const step1 = acceptedContent(ctx.mcpReq.inputResponses, 'step1');
    const step2 = acceptedContent(ctx.mcpReq.inputResponses, 'step2');
    if (state?.round === 2 && typeof step2?.color === 'string') return text(`${state.name}'s favorite color is ${step2.color}`);
    if ((state?.round === 1 && typeof step1?.name === 'string') || state?.round === 2) {
      const name = state.round === 2 ? state.name : step1.name;
      return inputRequired({
        inputRequests: { step2: ask('Step 2: What is your favorite color?', { color: { type: 'string' } }, ['color']) },
        requestState: await codec.mint({ round: 2, name }),
      });
    }
    return inputRequired({ inputRequests: { step1: askName('Step 1: What is your name?') }, requestState: await codec.mint({ round: 1 }) });
  });
  tool('test_input_required_result_tampered_state', 'Carries HMAC-sealed requestState; tampering is refused with -32602', noArgs, async (_a, ctx) => {
    if (ctx.mcpReq.requestState()?.flow === 'sealed') return text('state verified');
    return inputRequired({ inputRequests: { confirm: ask('Please confirm', { ok: { type: 'boolean' } }, ['ok']) }, requestState: await codec.mint({ flow: 'sealed' }) });
  });
  tool('test_input_required_result_capabilities', 'Asks only for what the client declared it can answer', noArgs, (_a, ctx) => {
    const caps = ctx.mcpReq.envelope?.[CLIENT_CAPABILITIES] ?? server.server.getClientCapabilities() ?? {};
    const responses = ctx.mcpReq.inputResponses;
    const requests = {};
    if (caps.elicitation && !acceptedContent(responses, 'user_name')) requests.user_name = askName('What is your name?');
    if (caps.sampling && inputResponse(responses, 'greeting').kind !== 'sampling') {
      requests.greeting = inputRequired.createMessage({ messages: [{ role: 'user', content: { type: 'text', text: 'Generate a greeting' } }], maxTokens: 50 });
    }
    if (Object.keys(requests).length) return inputRequired({ inputRequests: requests });
    return text(`asked for: ${['elicitation', 'sampling'].filter((c) => caps[c]).join(', ') || 'nothing'}`);
  });
  // Needs sampling: the SDK refuses a client that did not declare it with -32021 (MissingRequiredClientCapability).
  tool('test_missing_capability', 'Needs the sampling capability', noArgs, (_a, ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'sampling');
    if (answer.kind !== 'sampling') return inputRequired({ inputRequests: { sampling: inputRequired.createMessage({ messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }], maxTokens: 10 }) } });
    return text(samplingText(answer));
  });
  // SEP-2243: a parameter mirrored into the Mcp-Param-Region header; the HTTP entry checks header against body.
  tool('test_custom_headers', 'Echoes a region that travels as the Mcp-Param-Region header too', args({ region: { type: 'string', 'x-mcp-header': 'Region' } }, ['region']), ({ region }) =>
    text(`region=${region}`),
  );
  tool('test_trigger_tool_change', 'Announces that the tool list changed', noArgs, () => {
    server.sendToolListChanged();
    return text('tools/list_changed sent');
  });
  tool('test_trigger_prompt_change', 'Announces that the prompt list changed', noArgs, () => {
    server.sendPromptListChanged();
    return text('prompts/list_changed sent');
  });

  if (era === 'modern') {
    // The tasks extension (not scored; the server SDK has no tasks support, so a small hand-written one).
    addTasksMethods(server);
    tool('greet', 'Greets by name (never a task)', args({ name: { type: 'string' } }, ['name']), ({ name }) => text(`Hello, ${name}!`));
    tool('slow_compute', 'Sleeps `seconds`, then answers; a task when the client declares the extension', args({ seconds: { type: 'number', minimum: 0 }, label: { type: 'string' } }), ({ seconds = 1, label = '' }, ctx) =>
      asTask(ctx, async (signal) => (await sleepUnlessAborted(seconds * 1000, signal), text(`computed ${label} after ${seconds} s`))),
    );
    tool('failing_job', 'A task whose tool run fails after about a second', noArgs, (_a, ctx) =>
      asTask(ctx, async (signal) => (await sleepUnlessAborted(1000, signal), { isError: true, content: [{ type: 'text', text: 'the job failed' }] })),
    );
    tool('protocol_error_job', 'A task that fails with a protocol-level error', noArgs, (_a, ctx) =>
      asTask(ctx, async (signal) => {
        await sleepUnlessAborted(200, signal);
        throw new Error('internal failure in protocol_error_job');
      }),
    );
    const confirmRequest = (message) => ({ method: 'elicitation/create', params: { message, requestedSchema: form({ confirm: { type: 'boolean' } }, ['confirm']) } });
    tool('confirm_delete', 'Asks (as a task) to confirm deleting a file', args({ filename: { type: 'string' } }), ({ filename = 'file.txt' }, ctx) =>
      asTask(ctx, async (_signal, ask) => {
        const { confirm } = await ask({ confirm: confirmRequest(`Delete ${filename}?`) });
        return text(confirm?.action === 'accept' && confirm.content?.confirm ? `deleted ${filename}` : `kept ${filename}`);
      }),
    );
    tool('multi_input', 'Asks (as a task) two questions at once', noArgs, (_a, ctx) =>
      asTask(ctx, async (_signal, ask) => {
        const answers = await ask({ first: confirmRequest('First?'), second: confirmRequest('Second?') });
        return text(`answered ${Object.keys(answers).sort().join(' and ')}`);
      }),
    );
    tool('test_tool_with_task', 'Asks for a name, then finishes as a task', noArgs, (_a, ctx) => {
      const answer = acceptedContent(ctx.mcpReq.inputResponses, 'user_name');
      if (typeof answer?.name !== 'string') return inputRequired({ inputRequests: { user_name: askName('What is your name?') } });
      return asTask(ctx, async (signal) => (await sleepUnlessAborted(200, signal), text(`Task done for ${answer.name}`)));
    });
  }

  const resource = (name, uri, description, mimeType, body) =>
    server.registerResource(name, uri, { description, mimeType }, () => ({ contents: [{ uri, mimeType, ...body }] }));
  resource('Static text', 'test://static-text', 'A static text resource', 'text/plain', { text: 'This is the content of the static text resource.' });
  resource('Static binary', 'test://static-binary', 'A static binary resource', 'image/png', { blob: PNG });
  resource('Watched', 'test://watched-resource', 'A resource that can be subscribed to', 'text/plain', { text: 'Watched resource content.' });
  resource('Example', 'test://example-resource', 'A resource prompts embed', 'text/plain', { text: 'Example resource content.' });
  server.registerResource(
    'Template data',
    new ResourceTemplate('test://template/{id}/data', { list: undefined }),
    { description: 'Data for an id', mimeType: 'application/json' },
    (uri, { id }) => ({ contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }) }] }),
  );
  if (era === 'legacy') {
    // 2025: resources/subscribe and unsubscribe (2026-07-28 uses subscriptions/listen, which serveStdio answers).
    const subscriptions = new Set();
    server.server.setRequestHandler('resources/subscribe', (req) => (subscriptions.add(req.params.uri), {}));
    server.server.setRequestHandler('resources/unsubscribe', (req) => (subscriptions.delete(req.params.uri), {}));
  }

  const prompt = (name, description, argsSchema, build) => server.registerPrompt(name, { description, ...(argsSchema ? { argsSchema } : {}) }, build);
  const user = (content) => ({ role: 'user', content });
  prompt('test_simple_prompt', 'A prompt without arguments', undefined, () => ({ messages: [user({ type: 'text', text: 'This is a simple prompt for testing.' })] }));
  prompt(
    'test_prompt_with_arguments',
    'A prompt with two arguments',
    z.object({ arg1: completable(z.string().describe('First argument'), (v) => COMPLETIONS.filter((c) => c.startsWith(v.toLowerCase()))), arg2: z.string().describe('Second argument') }),
    ({ arg1, arg2 }) => ({ messages: [user({ type: 'text', text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` })] }),
  );
  prompt('test_prompt_with_embedded_resource', 'A prompt that embeds a resource', z.object({ resourceUri: z.string().describe('The resource to embed') }), ({ resourceUri }) => ({
    messages: [
      user({ type: 'resource', resource: { uri: resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' } }),
      user({ type: 'text', text: 'Please process the embedded resource above.' }),
    ],
  }));
  prompt('test_prompt_with_image', 'A prompt with an image', undefined, () => ({
    messages: [user({ type: 'image', data: PNG, mimeType: 'image/png' }), user({ type: 'text', text: 'Please analyze the image above.' })],
  }));
  prompt('test_input_required_result_prompt', 'A prompt that asks for its context first', undefined, (ctx) => {
    const answer = acceptedContent(ctx.mcpReq.inputResponses, 'user_context');
    if (typeof answer?.context !== 'string') return inputRequired({ inputRequests: { user_context: ask('What context should the prompt use?', { context: { type: 'string' } }, ['context']) } });
    return { messages: [user({ type: 'text', text: `Use this context: ${answer.context}` })] };
  });
  return server;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  serveStdio(createConformanceServer, { onerror: (e) => process.stderr.write(`conformance fixture: ${e.message}\n`) });
}
