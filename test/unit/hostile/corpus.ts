/** The hostile corpus and its manifest (test/fixtures/hostile/expected.json). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RefusalCode } from '@shared/clipping';

export const HOSTILE_DIR = resolve(__dirname, '../../fixtures/hostile');

export type Expectation =
  | { outcome: 'clipping'; title: string; mustContain: string[]; mustNotContain: string[] }
  | { outcome: RefusalCode };

export interface Manifest {
  files: Record<string, Expectation>;
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(HOSTILE_DIR, 'expected.json'), 'utf8')) as Manifest;
}

/** Every corpus file (the manifest itself excluded). */
export function corpusFiles(): string[] {
  return readdirSync(HOSTILE_DIR)
    .filter((name) => name !== 'expected.json')
    .sort();
}

/**
 * Markup and script forms that must never reach any stored field, whatever the file held:
 * the reader shows text only, but exports and future views must be able to trust the data.
 */
export const FORBIDDEN_IN_DRAFTS: readonly RegExp[] = [
  /<script/i,
  /<iframe/i,
  /<object/i,
  /<embed/i,
  /<svg/i,
  /<img/i,
  /<style/i,
  /javascript:/i,
  /vbscript:/i,
  /data:text\/html/i,
  /file:\/\//i,
  /\bon[a-z]+\s*=/i,
  /srcdoc/i,
  /child_process/i,
  /require\(/i,
];
