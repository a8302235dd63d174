// Resource templates in the form: the variables to ask for, and the URI they expand to.
// Expansion is std-uritemplate's full RFC 6570 (all four levels; it ships CommonJS too, so node tests load it).
// The SDK's UriTemplate is not used: it fails most of the RFC's level 3 and 4 examples
// (`{/a,b}` gives `1,2`, `{;x,y}` gives `768`).
import { StdUriTemplate } from '@std-uritemplate/std-uritemplate';

/**
 * The variable names of a template, each once, in order of appearance: `{id}`, `{+path}`, `{?q,page}`,
 * `{/list*,path:4}`. std-uritemplate does not list them, and the SDK keeps `:4` and `;` in the names.
 */
export function templateVariables(template: string): string[] {
  const names = new Set<string>();
  for (const [, body] of template.matchAll(/\{([^{}]*)\}/g)) {
    for (const spec of body.replace(/^[+#./;?&=,!@|]/, '').split(',')) {
      const name = spec.trim().replace(/(\*|:\d+)$/, '');
      if (name) names.add(name);
    }
  }
  return [...names];
}

/**
 * The URI for the form's values; a field left empty counts as undefined, so `{?q,page}` drops `page=`.
 * A malformed template (a server's mistake) comes back as written, so the form still renders.
 */
export function expandTemplate(template: string, values: Record<string, string>): string {
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
  try {
    return StdUriTemplate.expand(template, defined);
  } catch {
    return template;
  }
}
