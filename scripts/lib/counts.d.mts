// Types for counts.mjs.
export declare const COUNTS_PREFIX: string;
export interface Counts {
  tests: number;
  passes: number;
  failures: number;
  pending: number;
}
export declare function parseCounts(text: string): Counts | undefined;
