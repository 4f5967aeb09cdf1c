import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Lints a snippet as if it were a file at `filePath`, with the project's real config. */
async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('process layering is enforced by lint', () => {
  it('shared may not import electron, node, or other layers', async () => {
    expect(
      await ruleIds('src/shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        'src/shared/x.ts',
        "import { readFile } from 'node:fs';\nexport const a = readFile;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        'src/shared/x.ts',
        "import { getApi } from '../renderer/src/lib/api';\nexport const a = getApi;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(await ruleIds('src/shared/x.ts', 'export const a = () => document.title;\n')).toContain(
      'no-restricted-globals',
    );
  });

  it('main may not import renderer or preload', async () => {
    expect(
      await ruleIds(
        'src/main/x.ts',
        "import { getApi } from '../renderer/src/lib/api';\nexport const a = getApi;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        'src/main/x.ts',
        "import { createClipbookApi } from '../preload/api';\nexport const a = createClipbookApi;\n",
      ),
    ).toContain('no-restricted-imports');
  });

  it('Electron-free main code (engine, CLI, import worker) may not import electron', async () => {
    const electron = "import { app } from 'electron';\nexport const a = app;\n";
    for (const file of [
      'src/main/import/x.ts',
      'src/main/import/deep/x.ts',
      'src/main/cli/x.ts',
      'src/main/services/import-worker.ts',
      'src/main/services/import-service.ts',
      'src/main/export/x.ts',
      'src/main/ipc/handlers.ts',
    ]) {
      expect(await ruleIds(file, electron), file).toContain('no-restricted-imports');
    }
    // The rule replaces main's for these files: it must still keep renderer code out.
    expect(
      await ruleIds(
        'src/main/import/x.ts',
        "import { getApi } from '../../renderer/src/lib/api';\nexport const a = getApi;\n",
      ),
    ).toContain('no-restricted-imports');
    // Node is what they run on; the Electron shell keeps its electron import.
    expect(
      await ruleIds(
        'src/main/import/x.ts',
        "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
      ),
    ).toEqual([]);
    expect(await ruleIds('src/main/window.ts', electron)).toEqual([]);
  });

  it('the search worker may not import Svelte or UI state', async () => {
    for (const source of [
      "'svelte'",
      "'svelte/store'",
      "'../state/search.svelte'",
      "'../components/Reader.svelte'",
      "'node:fs'",
    ]) {
      expect(
        await ruleIds(
          'src/renderer/src/search/x.ts',
          `import * as m from ${source};\nexport const a = m;\n`,
        ),
        source,
      ).toContain('no-restricted-imports');
    }
    expect(
      await ruleIds(
        'src/renderer/src/search/x.ts',
        "import { createDatabase } from '../lib/db';\nexport const a = createDatabase;\n",
      ),
    ).toEqual([]);
    expect(
      await ruleIds(
        'src/renderer/src/stories/x.ts',
        "import { mount } from 'svelte';\nexport const a = mount;\n",
      ),
    ).toContain('no-restricted-imports');
    // The rest of the renderer still may.
    expect(
      await ruleIds(
        'src/renderer/src/lib/x.ts',
        "import { untrack } from 'svelte';\nexport const a = untrack;\n",
      ),
    ).toEqual([]);
  });

  it('only the data layer uses the database; the rest goes through LibraryRepo', async () => {
    const rule = '@typescript-eslint/no-restricted-imports';
    for (const [file, code] of [
      [
        'src/renderer/src/state/x.ts',
        "import { getDatabase } from '../lib/db';\nexport const a = getDatabase;\n",
      ],
      [
        'src/renderer/src/x.ts',
        "import { getDatabase } from './lib/db';\nexport const a = getDatabase;\n",
      ],
      [
        'src/renderer/src/lib/x.ts',
        "import { createDatabase } from './db';\nexport const a = createDatabase;\n",
      ],
      ['src/renderer/src/state/x.ts', "import { Dexie } from 'dexie';\nexport const a = Dexie;\n"],
      [
        'src/renderer/src/components/X.svelte',
        '<script lang="ts">\n  import { getDatabase } from \'../lib/db\';\n  const db = getDatabase();\n</script>\n\n<p>{db.name}</p>\n',
      ],
    ]) {
      expect(await ruleIds(file as string, code as string), file).toContain(rule);
    }
    // Its record types are shared; the data layer and the workers use the database itself.
    expect(
      await ruleIds(
        'src/renderer/src/state/x.ts',
        "import type { TagRecord } from '../lib/db';\nexport type A = TagRecord;\n",
      ),
    ).toEqual([]);
    for (const [file, from] of [
      ['src/renderer/src/lib/tags-repo.ts', './db'],
      ['src/renderer/src/lib/backup.ts', './db'],
      ['src/renderer/src/lib/settings.ts', './db'],
      ['src/renderer/src/stories/x.ts', '../lib/db'],
    ]) {
      const code = `import { summaryOf } from '${from}';\nexport const a = summaryOf;\n`;
      expect(await ruleIds(file as string, code), file).toEqual([]);
    }
  });

  it('renderer may not import electron, node or main', async () => {
    for (const source of ["'electron'", "'node:path'", "'fs'", "'../../main/launch-args'"]) {
      expect(
        await ruleIds(
          'src/renderer/src/x.ts',
          `import * as m from ${source};\nexport const a = m;\n`,
        ),
        source,
      ).toContain('no-restricted-imports');
    }
  });

  it('allows what each layer needs', async () => {
    expect(
      await ruleIds(
        'src/renderer/src/x.ts',
        "import { ok } from '../../shared/result';\nexport const a = ok;\n",
      ),
    ).toEqual([]);
    expect(
      await ruleIds(
        'src/main/x.ts',
        "import { readFile } from 'node:fs';\nimport { app } from 'electron';\nexport const a = [readFile, app];\n",
      ),
    ).toEqual([]);
  });

  it('refuses {@html} everywhere in the renderer: the app renders text only', async () => {
    const code =
      '<script lang="ts">\n  let { html }: { html: string } = $props();\n</script>\n\n<div>{@html html}</div>\n';
    for (const file of [
      'src/renderer/src/components/Reader.svelte',
      'src/renderer/src/components/SafeHtml.svelte',
      'src/renderer/src/App.svelte',
    ]) {
      expect(await ruleIds(file, code), file).toContain('svelte/no-at-html-tags');
    }
  });

  it('allows shell.openExternal only in the guarded helper', async () => {
    const code =
      "import { shell } from 'electron';\nexport const a = () => shell.openExternal('x');\n";
    expect(await ruleIds('src/main/x.ts', code)).toContain('no-restricted-syntax');
    expect(await ruleIds('src/main/open-external.ts', code)).toEqual([]);
  });

  it('forbids {@html} in renderer components', async () => {
    const code =
      '<script lang="ts">\n  let { html }: { html: string } = $props();\n</script>\n\n{@html html}\n';
    expect(await ruleIds('src/renderer/src/components/X.svelte', code)).toContain(
      'svelte/no-at-html-tags',
    );
  });
});
