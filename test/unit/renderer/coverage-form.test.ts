import { describe, expect, it } from 'vitest';
import {
  bulkForm,
  formOf,
  KEEP,
  parseReach,
  patchOf,
} from '../../../src/renderer/src/lib/coverage-form';
import { emptyCoverage } from '@shared/clipping';

describe('coverage form', () => {
  it('reads reach as people write it', () => {
    expect(parseReach('')).toBeNull();
    expect(parseReach('25000')).toBe(25_000);
    expect(parseReach('25,000')).toBe(25_000);
    expect(parseReach('25 000')).toBe(25_000);
    expect(parseReach('1.2k')).toBe(1_200);
    expect(parseReach('3M')).toBe(3_000_000);
    expect(parseReach('many')).toEqual({ error: expect.stringMatching(/number of people/) });
    expect(parseReach('-5')).toEqual({ error: expect.any(String) });
    expect(parseReach('9999999999999')).toEqual({ error: expect.stringMatching(/larger/) });
  });

  it('Edit details sets every field, blank ones cleared', () => {
    const form = formOf({ ...emptyCoverage(), tone: 'mixed', reach: 10, page: 'A1' });
    expect(form.reach).toBe('10');
    form.page = '';
    form.entities = 'Ann; Bob\nCarl';
    expect(patchOf(form, { bulk: false })).toEqual({
      patch: { ...emptyCoverage(), tone: 'mixed', reach: 10, entities: ['Ann', 'Bob', 'Carl'] },
    });
  });

  it('the bulk edit sets only what the user chose; Clear is a choice', () => {
    const form = bulkForm();
    expect(patchOf(form, { bulk: true })).toEqual({ patch: {} });
    form.tone = 'negative';
    form.reach = '1,500';
    form.mediaType = '';
    expect(patchOf(form, { bulk: true })).toEqual({
      patch: { tone: 'negative', reach: 1_500, mediaType: '' },
    });
    expect(form.prominence).toBe(KEEP);
    form.reach = 'lots';
    expect(patchOf(form, { bulk: true })).toEqual({ error: expect.any(String) });
  });
});
