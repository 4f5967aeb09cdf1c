// @ts-check
/**
 * Lint, including the process layering (after VS Code's layer rules): each folder may only
 * import what its process can run. test/unit/layering.test.ts proves these rules fire.
 */
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const svelte = require('eslint-plugin-svelte');
const globals = require('globals');
const { builtinModules } = require('node:module');

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** @param {{ paths?: string[]; patterns?: string[]; why: string }} rule */
function restrictImports({ paths = [], patterns = [], why }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: paths.map((name) => ({ name, message: why })),
        patterns: patterns.length > 0 ? [{ group: patterns, message: why }] : [],
      },
    ],
  };
}

const domGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'indexedDB',
  'location',
  'HTMLElement',
];
const DATA_LAYER_WHY =
  'Only the data layer (lib/*-repo.ts, backup, settings, stories-*, the workers) uses the database: go through LibraryRepo. Its types may be imported with `import type`.';

const nodeGlobals = ['process', 'Buffer', '__dirname', '__filename', 'require', 'global'];

module.exports = tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-exports': [
        'error',
        {
          restrictDefaultExports: {
            direct: true,
            named: true,
            defaultFrom: true,
            namedFrom: true,
            namespaceFrom: true,
          },
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    // Config files must default-export for their tools.
    files: ['*.config.ts', '*.config.js'],
    rules: { 'no-restricted-exports': 'off' },
  },
  {
    files: ['eslint.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // ---- Layering -----------------------------------------------------------------------
  {
    files: ['src/shared/**'],
    languageOptions: { globals: {} },
    rules: {
      ...restrictImports({
        paths: ['electron', ...nodeBuiltins],
        patterns: [
          '**/main/**',
          '**/renderer/**',
          '**/preload/**',
          'node:*',
          'electron/*',
          'dexie',
          'svelte',
          'svelte/*',
        ],
        why: 'src/shared runs in every process: it may import only src/shared and plain libraries, never electron, node or DOM code.',
      }),
      'no-restricted-globals': [
        'error',
        ...[...domGlobals, ...nodeGlobals].map((name) => ({
          name,
          message: 'src/shared must not use DOM or Node globals.',
        })),
      ],
    },
  },
  {
    files: ['src/main/**'],
    rules: restrictImports({
      patterns: ['**/renderer/**', '**/preload/**'],
      why: 'The main process must not import renderer or preload code.',
    }),
  },
  {
    // Code that must run without Electron: the engine runs in a worker thread, the CLI and the
    // benchmarks in plain Node, and all of it in vitest. (Repeats main's patterns: a later
    // no-restricted-imports replaces an earlier one for the same file.)
    files: [
      'src/main/import/**',
      'src/main/cli/**',
      'src/main/export/**',
      'src/main/services/import-*.ts',
      'src/main/services/backups.ts',
      'src/main/ipc/handlers.ts',
      'src/main/launch-args.ts',
    ],
    rules: restrictImports({
      paths: ['electron'],
      patterns: ['**/renderer/**', '**/preload/**', 'electron/*'],
      why: 'This code runs without Electron (import worker, CLI, vitest): pass Electron services in from src/main/index.ts instead.',
    }),
  },
  {
    files: ['src/preload/**'],
    rules: restrictImports({
      paths: nodeBuiltins,
      patterns: ['**/main/**', '**/renderer/**', 'node:*'],
      why: 'The sandboxed preload may require only electron and src/shared.',
    }),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...restrictImports({
        paths: ['electron', ...nodeBuiltins],
        patterns: ['**/main/**', '**/preload/**', 'node:*', 'electron/*'],
        why: 'The renderer is a web page: no electron, node or main-process imports; use window.clipbook.',
      }),
      'svelte/no-at-html-tags': 'error',
      // State replaces collections and dates wholesale ($state.raw), never mutates them in place.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    // The library's database is private to the data layer: everything else reads and writes
    // through LibraryRepo (lib/library-repo.ts), so each write keeps its derived data in step.
    // Its record types are shared. The workers open their own connection.
    files: ['src/renderer/**'],
    ignores: [
      'src/renderer/src/lib/db.ts',
      'src/renderer/src/lib/*-repo.ts',
      'src/renderer/src/lib/repo-context.ts',
      'src/renderer/src/lib/backup*.ts',
      'src/renderer/src/lib/settings.ts',
      'src/renderer/src/lib/stories-*.ts',
      'src/renderer/src/lib/annotated.ts',
      'src/renderer/src/lib/profile-guard.ts',
      'src/renderer/src/search/**',
      'src/renderer/src/stories/**',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dexie', message: DATA_LAYER_WHY, allowTypeImports: true }],
          patterns: [
            { regex: '(^|/)lib/db$|^\\./db$', message: DATA_LAYER_WHY, allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    // The workers have no DOM to render into and must stay small to start fast.
    files: ['src/renderer/src/search/**', 'src/renderer/src/stories/**'],
    rules: restrictImports({
      paths: ['electron', 'svelte', ...nodeBuiltins],
      patterns: [
        '**/main/**',
        '**/preload/**',
        'node:*',
        'electron/*',
        'svelte/*',
        '*.svelte',
        '**/*.svelte',
        '**/state/**',
        '**/components/**',
      ],
      why: 'The search and stories workers may not import Svelte, components or UI state (nor electron, node or main).',
    }),
  },
  {
    // shell.openExternal only through the guarded helper.
    files: ['src/**'],
    ignores: ['src/main/open-external.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='openExternal'][object.name='shell']",
          message: 'Use openExternalSafely (src/main/open-external.ts), which allows http(s) only.',
        },
      ],
    },
  },
);
