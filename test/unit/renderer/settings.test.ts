import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../src/renderer/src/lib/settings';
import { openCurrent, uniqueDbName } from '../db/seed';

describe('typed settings', () => {
  it('round-trips each setting and reads a value that does not fit its schema as absent', async () => {
    const db = await openCurrent(uniqueDbName());
    const settings = new SettingsStore(db);
    expect(await settings.get('export')).toBeUndefined();

    await settings.put('export', {
      choice: 'bibtex',
      includeBody: false,
      onePerStory: true,
      title: 'T',
      subtitle: '',
    });
    expect(await settings.get('export')).toEqual({
      choice: 'bibtex',
      includeBody: false,
      onePerStory: true,
      title: 'T',
      subtitle: '',
    });
    // Written by an older version: missing fields take their defaults.
    await db.settings.put({ key: 'export', value: { choice: 'md' } });
    expect(await settings.get('export')).toEqual({
      choice: 'md',
      includeBody: true,
      onePerStory: false,
      title: '',
      subtitle: '',
    });
    // A format this version does not know, or a damaged value, is not trusted.
    await db.settings.put({ key: 'export', value: { choice: 'pdf-x' } });
    expect(await settings.get('export')).toBeUndefined();
    await db.settings.put({ key: 'autoBackup', value: { enabled: 'yes', lastAt: '' } });
    expect(await settings.get('autoBackup')).toBeUndefined();

    await db.settings.put({ key: 'savedSearches', value: ['tram', 3, null, 'tag:city'] });
    expect(await settings.get('savedSearches')).toEqual(['tram', 'tag:city']);
    db.close();
  });
});
