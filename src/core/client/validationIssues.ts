// Turns the schema-validation dumps the SDK puts in an error message (a JSON array of zod issues) into sentences:
// the first problem for the one-line error, every problem for --verbose.

interface Issue {
  code?: string;
  path?: Array<string | number>;
  message?: string;
  errors?: Issue[][];
}

export interface ValidationIssues {
  /** "path: message" of each problem, union branches flattened. */
  problems: string[];
  /** The raw issue paths, in the same order. */
  paths: Array<Array<string | number>>;
}

/** The issues in `message`, or undefined when it carries no issue list. */
export function validationIssues(message: string): ValidationIssues | undefined {
  const start = message.indexOf('[');
  if (start === -1) return undefined;
  let issues: Issue[];
  try {
    issues = JSON.parse(message.slice(start)) as Issue[];
  } catch {
    return undefined;
  }
  if (!Array.isArray(issues) || !issues.every((i) => i && typeof i === 'object')) return undefined;
  const out: ValidationIssues = { problems: [], paths: [] };
  const walk = (list: Issue[], prefix: Array<string | number>) => {
    for (const issue of list) {
      const path = [...prefix, ...(issue.path ?? [])];
      // A union failed every branch: the first branch's problems say the most about what was meant.
      if (issue.code === 'invalid_union' && issue.errors?.length) walk(issue.errors[0], path);
      else {
        out.problems.push(`${path.length ? path.join('.') : '(the whole message)'}: ${issue.message ?? issue.code ?? 'invalid'}`);
        out.paths.push(path);
      }
    }
  };
  walk(issues, []);
  return out.problems.length ? out : undefined;
}
