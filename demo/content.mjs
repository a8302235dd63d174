// Static content the demo server offers as resources.
export const README_TEXT = `# MCP Workbench demo server

This server exists to exercise an MCP client: tools with rich input schemas, structured output, progress,
cancellation, elicitation, sampling, resources, a resource template, a prompt, completion and logging.
`;

/** Notes readable as demo://notes/{name}; their names complete in the resource template. */
export const NOTES = {
  groceries: 'milk, eggs, bread',
  'meeting-2026-01-12': 'Agreed to ship the inspector first.',
  meetups: 'MCP meetup on Thursday',
  todo: '1. write tests\n2. record a trace\n3. replay it',
};
