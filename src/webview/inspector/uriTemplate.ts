// RFC 6570 URI templates as resource templates use them: the variables to ask for, and the expansion.

/** The variable names of an RFC 6570 template, e.g. `{id}`, `{+path}`, `{?q,page}`. */
export function templateVariables(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(/\{([^}]+)\}/g)) {
    for (const v of m[1].replace(/^[+#./;?&]/, '').split(',')) {
      const name = v.replace(/[*]$|:\d+$/, '').trim();
      if (name && !out.includes(name)) out.push(name);
    }
  }
  return out;
}

/** A small RFC 6570 expansion: simple, reserved (+), fragment (#) and query (?, &) operators. */
export function expandTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, expr: string) => {
    const op = /^[+#./;?&]/.test(expr) ? expr[0] : '';
    const names = expr.slice(op ? 1 : 0).split(',').map((v) => v.replace(/[*]$|:\d+$/, '').trim());
    const enc = (s: string) => (op === '+' || op === '#' ? encodeURI(s) : encodeURIComponent(s));
    const present = names.filter((n) => values[n] !== undefined && values[n] !== '');
    if (op === '?' || op === '&') return present.length ? op + present.map((n) => `${n}=${enc(values[n])}`).join('&') : '';
    const joined = present.map((n) => enc(values[n])).join(',');
    if (!joined) return '';
    return op === '#' || op === '.' || op === '/' ? op + joined : joined;
  });
}
