import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

/** Golden files live here; run with UPDATE_GOLDEN=1 to (re)write them after a deliberate change. */
export const GOLDEN_DIR = join(__dirname, '../../fixtures/export-golden');

export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`Missing golden file ${name}: run with UPDATE_GOLDEN=1 and review it.`);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
