/** Thin entry for `npm run cli -- parse --json FILE...`; the logic lives in run-cli.ts. */
import { runCli } from './run-cli';

void runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`clipbook: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
