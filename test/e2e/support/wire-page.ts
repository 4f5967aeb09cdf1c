import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

let script: string | null = null;

/**
 * wire.ts as a script for the page: an expression whose value is the module's exports. The
 * very same source is transpiled, so Node and the page run one implementation of the format.
 */
export function pageWireScript(): string {
  script ??= `((exports) => {\n${
    ts.transpileModule(readFileSync(join(__dirname, 'wire.ts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText
  }\nreturn exports;\n})({})`;
  return script;
}
