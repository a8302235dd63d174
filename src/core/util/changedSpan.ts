/**
 * The one span where two texts differ, after their common start and common end: `before` from `start` to
 * `endBefore` was replaced by `after` from `start` to `endAfter`. Lets an edit cover only what changed.
 */
export function changedSpan(before: string, after: string): { start: number; endBefore: number; endAfter: number } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { start, endBefore, endAfter };
}
