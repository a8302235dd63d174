// What both files fixtures share: descriptions and schemas (the catalogue does not change in the migration).
export const TOOLS = {
  greet: 'Greets someone by name.',
  size: 'The size of a file.',
  delete: 'Deletes a file after asking for confirmation.',
  greetSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
  pathSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  confirmSchema: { type: 'object', properties: { confirm: { type: 'boolean', title: 'Confirm' } }, required: ['confirm'] },
};

export const text = (t) => ({ content: [{ type: 'text', text: t }] });
