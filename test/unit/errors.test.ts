import { describe, expect, it } from 'vitest';
import { errorMessage, hasErrorName } from '@shared/errors';
import { describeWriteError, isQuotaError, QUOTA_MESSAGE } from '../../src/renderer/src/lib/errors';

const named = (name: string, message = 'failed'): Error =>
  Object.assign(new Error(message), { name });

describe('errorMessage', () => {
  it('gives an Error its own message and anything else as a string', () => {
    expect(errorMessage(new TypeError('bad input'))).toBe('bad input');
    expect(errorMessage('plain words')).toBe('plain words');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});

describe('hasErrorName', () => {
  it('matches the error or the one Dexie wraps as inner', () => {
    expect(hasErrorName(named('VersionError'), 'VersionError')).toBe(true);
    const wrapped = Object.assign(named('OpenFailedError'), { inner: named('VersionError') });
    expect(hasErrorName(wrapped, 'VersionError')).toBe(true);
    expect(hasErrorName(wrapped, 'QuotaExceededError')).toBe(false);
    expect(hasErrorName({ name: 'VersionError' }, 'VersionError')).toBe(false);
  });
});

describe('describeWriteError', () => {
  it('says plainly that the disk is full, else the error in its own words', () => {
    const full = Object.assign(named('AbortError'), { inner: named('QuotaExceededError') });
    expect(isQuotaError(full)).toBe(true);
    expect(describeWriteError(full)).toBe(QUOTA_MESSAGE);
    expect(describeWriteError(new Error('locked'))).toBe('locked');
  });
});
