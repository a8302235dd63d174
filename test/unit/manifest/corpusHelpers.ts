// Reads the shared real-world corpus (../shared/corpus/manifests) and its expected verdicts.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');

export interface CorpusCase {
  set: 'real' | 'seeded';
  file: string;
  kind: string;
  verdict: 'valid' | 'invalid';
  /** Expected problems as written in the TSV, for the failure message. */
  detail: string;
}

export function corpusAvailable(): boolean {
  return existsSync(path.join(CORPUS, 'manifests', 'real', 'EXPECTED.tsv'));
}

export function corpusCases(): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const set of ['real', 'seeded'] as const) {
    const rows = readFileSync(path.join(CORPUS, 'manifests', set, 'EXPECTED.tsv'), 'utf8').trim().split('\n').slice(1);
    for (const row of rows) {
      const cols = row.split('\t');
      out.push({ set, file: path.join(CORPUS, 'manifests', set, cols[0]), kind: cols[1], verdict: cols[2] as 'valid' | 'invalid', detail: cols[3] ?? '' });
    }
  }
  return out;
}
