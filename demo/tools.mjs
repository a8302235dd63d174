// The demo server's tools: hand-written JSON Schemas (what zod cannot always express) and their handlers.
// Each handler gets (args, { ctx, caps, log }) and returns a CallToolResult or, to ask the client for input, an
// input_required result (inputRequired): the SDK sends it as such in the 2026-07-28 era and turns it into
// server->client requests in the 2025 era, so one handler serves both.
import { inputRequired, inputResponse } from '@modelcontextprotocol/server';

const text = (t) => ({ content: [{ type: 'text', text: t }] });
const toolError = (t) => ({ content: [{ type: 'text', text: t }], isError: true });

const SHIPPING = [
  { const: 'standard', title: 'Standard (5-7 days)' },
  { const: 'express', title: 'Express (1-2 days)' },
  { const: 'pickup', title: 'Pick up in store' },
];

/** A stable pseudo-random number from a string, so the weather is reproducible in recorded traces. */
function hash(s) {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.codePointAt(0), 16777619);
  return h >>> 0;
}

export const TOOLS = [
  {
    name: 'echo',
    title: 'Echo',
    description: 'Returns the text it was given, optionally upper-cased and repeated.',
    annotations: { readOnlyHint: true, idempotentHint: true },
    inputSchema: {
      type: 'object',
      properties: {
        text: { type: 'string', minLength: 1, description: 'What to echo' },
        uppercase: { type: 'boolean', default: false },
        repeat: { type: 'integer', minimum: 1, maximum: 5, default: 1 },
      },
      required: ['text'],
      additionalProperties: false,
    },
    run(args) {
      if (typeof args.text !== 'string' || args.text === '') return toolError('text must be a non-empty string');
      const t = args.uppercase ? args.text.toUpperCase() : args.text;
      return text(Array.from({ length: Math.min(5, Math.max(1, args.repeat ?? 1)) }, () => t).join('\n'));
    },
  },
  {
    name: 'create_order',
    title: 'Create order',
    description: 'Places a (pretend) order: nested objects, an array of objects, a titled enum, nullable fields, defaults and formats.',
    inputSchema: {
      type: 'object',
      properties: {
        customer: {
          type: 'object',
          title: 'Customer',
          properties: {
            name: { type: 'string', minLength: 1 },
            email: { type: 'string', format: 'email' },
            phone: { type: ['string', 'null'], description: 'Optional phone number', default: null },
          },
          required: ['name', 'email'],
        },
        items: {
          type: 'array',
          title: 'Items',
          minItems: 1,
          items: {
            type: 'object',
            properties: {
              sku: { type: 'string', pattern: '^[A-Z]{3}-\\d{3}$', description: 'e.g. ABC-123' },
              quantity: { type: 'integer', minimum: 1, default: 1 },
              giftWrap: { type: 'boolean', default: false },
            },
            required: ['sku'],
          },
        },
        shipping: { type: 'string', title: 'Shipping', oneOf: SHIPPING, default: 'standard' },
        deliverAfter: { type: 'string', format: 'date-time', description: 'Earliest delivery time' },
        website: { type: 'string', format: 'uri' },
        tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        notes: { type: ['string', 'null'], default: null, maxLength: 500 },
      },
      required: ['customer', 'items'],
    },
    run(args) {
      const items = Array.isArray(args.items) ? args.items : [];
      if (!args.customer?.name || items.length === 0) return toolError('an order needs a customer name and at least one item');
      const count = items.reduce((n, i) => n + (Number(i.quantity) || 1), 0);
      const shipping = SHIPPING.find((s) => s.const === (args.shipping ?? 'standard'))?.title ?? args.shipping;
      return text(`Order for ${args.customer.name} <${args.customer.email}>: ${count} item(s), ${shipping}.`);
    },
  },
  {
    name: 'configure_pipeline',
    title: 'Configure pipeline',
    description: 'Validates a CI pipeline definition: a schema with $defs/$ref and a oneOf between notifier kinds.',
    inputSchema: {
      type: 'object',
      $defs: {
        step: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            run: { type: 'string', description: 'Shell command' },
            retries: { type: 'integer', minimum: 0, maximum: 3, default: 0 },
          },
          required: ['name', 'run'],
        },
        emailNotifier: {
          type: 'object',
          title: 'E-mail',
          properties: { kind: { const: 'email' }, address: { type: 'string', format: 'email' } },
          required: ['kind', 'address'],
        },
        webhookNotifier: {
          type: 'object',
          title: 'Webhook',
          properties: { kind: { const: 'webhook' }, url: { type: 'string', format: 'uri' }, secret: { type: 'string' } },
          required: ['kind', 'url'],
        },
      },
      properties: {
        name: { type: 'string', default: 'build' },
        steps: { type: 'array', items: { $ref: '#/$defs/step' }, minItems: 1 },
        notify: { oneOf: [{ $ref: '#/$defs/emailNotifier' }, { $ref: '#/$defs/webhookNotifier' }] },
      },
      required: ['steps'],
    },
    run(args) {
      const steps = Array.isArray(args.steps) ? args.steps : [];
      if (steps.length === 0) return toolError('a pipeline needs at least one step');
      const bad = steps.filter((s) => !s?.name || !s?.run);
      if (bad.length) return toolError(`${bad.length} step(s) lack a name or a run command`);
      const notify = args.notify?.kind === 'email' ? `mail ${args.notify.address}` : args.notify?.kind === 'webhook' ? `POST ${args.notify.url}` : 'nobody';
      return text(`Pipeline "${args.name ?? 'build'}": ${steps.map((s) => s.name).join(' -> ')}; notify ${notify}.`);
    },
  },
  {
    name: 'get_weather',
    title: 'Get weather',
    description: 'Current (made-up, reproducible) weather for a city, as structured content matching the output schema.',
    annotations: { readOnlyHint: true, openWorldHint: false },
    inputSchema: {
      type: 'object',
      properties: {
        city: { type: 'string', minLength: 1 },
        units: { type: 'string', enum: ['metric', 'imperial'], default: 'metric' },
      },
      required: ['city'],
    },
    outputSchema: {
      type: 'object',
      properties: {
        city: { type: 'string' },
        temperature: { type: 'number' },
        units: { type: 'string', enum: ['metric', 'imperial'] },
        conditions: { type: 'string', enum: ['sunny', 'cloudy', 'rain', 'snow', 'fog'] },
        humidity: { type: 'integer', minimum: 0, maximum: 100 },
      },
      required: ['city', 'temperature', 'units', 'conditions', 'humidity'],
    },
    run(args) {
      if (typeof args.city !== 'string' || !args.city) return toolError('city is required');
      const h = hash(args.city.toLowerCase());
      const celsius = (h % 400) / 10 - 5;
      const units = args.units === 'imperial' ? 'imperial' : 'metric';
      const weather = {
        city: args.city,
        temperature: units === 'metric' ? celsius : Math.round((celsius * 9) / 5 * 10 + 320) / 10,
        units,
        conditions: ['sunny', 'cloudy', 'rain', 'snow', 'fog'][h % 5],
        humidity: h % 101,
      };
      return { content: [{ type: 'text', text: JSON.stringify(weather) }], structuredContent: weather };
    },
  },
  {
    name: 'long_task',
    title: 'Long task',
    description: 'Works through a number of steps, reporting progress after each; stops when the request is cancelled.',
    inputSchema: {
      type: 'object',
      properties: {
        steps: { type: 'integer', minimum: 1, maximum: 50, default: 5 },
        stepMs: { type: 'integer', minimum: 10, maximum: 2000, default: 200, description: 'Milliseconds per step' },
      },
    },
    async run(args, { ctx, log }) {
      const steps = Math.min(50, Math.max(1, Number(args.steps ?? 5)));
      const stepMs = Math.min(2000, Math.max(10, Number(args.stepMs ?? 200)));
      const { signal, _meta, notify } = ctx.mcpReq;
      const token = _meta?.progressToken;
      for (let i = 1; i <= steps; i++) {
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, stepMs);
          signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
        });
        if (signal.aborted) {
          await log('notice', `long_task cancelled after ${i - 1} of ${steps} steps`);
          return toolError(`cancelled after ${i - 1} of ${steps} steps`);
        }
        if (token !== undefined) {
          await notify({ method: 'notifications/progress', params: { progressToken: token, progress: i, total: steps, message: `step ${i} of ${steps}` } });
        }
      }
      return text(`completed ${steps} steps`);
    },
  },
  {
    name: 'confirm_action',
    title: 'Confirm action',
    description: 'Asks the user (through elicitation) to confirm a pretend deployment before "doing" it.',
    inputSchema: {
      type: 'object',
      properties: { action: { type: 'string', default: 'deploy to production' } },
    },
    run(args, { ctx, caps }) {
      if (!caps?.elicitation) return toolError('this client does not support elicitation');
      const action = args.action ?? 'deploy to production';
      const answer = inputResponse(ctx.mcpReq.inputResponses, 'confirm');
      if (answer.kind !== 'elicit') return inputRequired({ inputRequests: { confirm: inputRequired.elicit({
        message: `Really ${action}?`,
        requestedSchema: {
          type: 'object',
          properties: {
            confirm: { type: 'boolean', title: 'Confirm', description: `Go ahead and ${action}` },
            environment: { type: 'string', title: 'Environment', enum: ['staging', 'production'], enumNames: ['Staging', 'Production'] },
            reason: { type: 'string', title: 'Reason', maxLength: 200 },
          },
          required: ['confirm'],
        },
      }) } });
      if (answer.action !== 'accept') return text(`The user chose to ${answer.action}; nothing was done.`);
      return text(answer.content?.confirm ? `Done: ${action} (${answer.content.environment ?? 'staging'}). Reason: ${answer.content.reason ?? '-'}` : 'Not confirmed; nothing was done.');
    },
  },
  {
    name: 'summarize',
    title: 'Summarize (sampling)',
    description: 'Asks the client\'s model (through sampling) to summarise a text in one sentence.',
    inputSchema: {
      type: 'object',
      properties: {
        text: { type: 'string', minLength: 1 },
        maxTokens: { type: 'integer', minimum: 16, maximum: 1000, default: 100 },
      },
      required: ['text'],
    },
    run(args, { ctx, caps }) {
      if (!caps?.sampling) return toolError('this client does not support sampling');
      const answer = inputResponse(ctx.mcpReq.inputResponses, 'summary');
      if (answer.kind !== 'sampling') return inputRequired({ inputRequests: { summary: inputRequired.createMessage({
        messages: [{ role: 'user', content: { type: 'text', text: `Summarise in one sentence:\n\n${args.text}` } }],
        systemPrompt: 'You are a concise assistant.',
        maxTokens: Number(args.maxTokens ?? 100),
        modelPreferences: { hints: [{ name: 'claude' }], speedPriority: 0.8 },
      }) } });
      const { result } = answer;
      const reply = result.content?.type === 'text' ? result.content.text : JSON.stringify(result.content);
      return text(`${reply}\n\n(model: ${result.model})`);
    },
  },
];
