// The catalogue a server offers, as the list methods return it: which method lists which kind, and the key that
// names an item of each kind. One table for the replay view, verify, diff and mock.

export type CatalogueKind = 'tools' | 'prompts' | 'resources' | 'resourceTemplates';

/** The list method of each kind (its result holds the items in the field of the same name). */
export const CATALOGUE_LISTS: Readonly<Record<CatalogueKind, string>> = {
  tools: 'tools/list',
  prompts: 'prompts/list',
  resources: 'resources/list',
  resourceTemplates: 'resources/templates/list',
};

/** The field that names an item of each kind. */
export const CATALOGUE_KEYS: Readonly<Record<CatalogueKind, string>> = { tools: 'name', prompts: 'name', resources: 'uri', resourceTemplates: 'uriTemplate' };

const KIND_OF = new Map<string, CatalogueKind>(Object.entries(CATALOGUE_LISTS).map(([kind, method]) => [method, kind as CatalogueKind]));

/** The kind a list method returns, or undefined for any other method. */
export function catalogueKindOf(method: string): CatalogueKind | undefined {
  return KIND_OF.get(method);
}
