/**
 * Adversarial inputs per format (bench/hostile-inputs.ts), each parsed in a child process
 * pinned to one core: prints CPU time, wall time and peak extra memory per case, the worst per
 * format against the rule (≤ 1 MB: 2 s and 300 MB; ≤ 50 MB: 30 s and 1 GB), then one JSON
 * line. BENCH_HOSTILE_LARGE=1 adds the 50 MB size; BENCH_HOSTILE_ONLY=word filters cases.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { HOSTILE_CASES, type Format } from './hostile-inputs';

const run = promisify(execFile);
const MB = 1024 * 1024;
const SIZES = [
  { label: '1 MB', bytes: 1 * MB, limitMs: 2_000, limitMb: 300 },
  ...(process.env['BENCH_HOSTILE_LARGE'] === '1'
    ? [{ label: '50 MB', bytes: 50 * MB - 64 * 1024, limitMs: 30_000, limitMb: 1024 }]
    : []),
];
const ONLY = process.env['BENCH_HOSTILE_ONLY'] ?? '';
const CHILD = resolve(__dirname, 'hostile-child.ts');

interface Result {
  format: Format;
  name: string;
  size: string;
  fileBytes: number;
  cpuMs: number;
  wallMs: number;
  extraMb: number;
  outcome: string;
  ok: boolean;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'clipbook-hostile-'));
  const results: Result[] = [];
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  try {
    for (const size of SIZES) {
      for (const c of HOSTILE_CASES) {
        if (ONLY && !`${c.format} ${c.name}`.includes(ONLY)) continue;
        const bytes = c.make(size.bytes);
        const file = join(dir, `case.${c.format}`);
        writeFileSync(file, bytes);
        let line: { cpuMs: number; wallMs: number; extraMb: number; outcome: string };
        try {
          // One core, as the rule says; a hard stop far past the limit (wall time: the machine may
          // be shared, so the verdict is on CPU time).
          const { stdout } = await run(
            'taskset',
            ['-c', '0', process.execPath, '--import', 'tsx', CHILD, file, `hostile.${c.format}`],
            { timeout: size.limitMs * 15 + 30_000, maxBuffer: 1 << 20 },
          );
          line = JSON.parse(stdout.trim().split('\n').pop() as string);
        } catch (err) {
          const e = err as { killed?: boolean; message: string };
          line = { cpuMs: -1, wallMs: -1, extraMb: -1, outcome: e.killed ? 'timeout' : 'crash' };
        }
        const ok = line.cpuMs >= 0 && line.cpuMs <= size.limitMs && line.extraMb <= size.limitMb;
        const r: Result = {
          format: c.format,
          name: c.name,
          size: size.label,
          fileBytes: bytes.length,
          ...line,
          ok,
        };
        results.push(r);
        console.log(
          `${ok ? 'ok  ' : 'OVER'} ${size.label.padEnd(6)} ${c.format.padEnd(5)} ${c.name.padEnd(44)} ` +
            `${String(line.cpuMs).padStart(6)} ms cpu ${String(line.wallMs).padStart(6)} ms wall ` +
            `${String(line.extraMb).padStart(5)} MB  ${line.outcome}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const worst: Record<
    string,
    { cpuMs: number; cpuCase: string; extraMb: number; memCase: string }
  > = {};
  for (const r of results) {
    const key = `${r.format} ${r.size}`;
    const w = (worst[key] ??= { cpuMs: -1, cpuCase: '', extraMb: -1, memCase: '' });
    if (r.cpuMs > w.cpuMs) Object.assign(w, { cpuMs: r.cpuMs, cpuCase: r.name });
    if (r.extraMb > w.extraMb) Object.assign(w, { extraMb: r.extraMb, memCase: r.name });
  }
  console.log('\nworst per format:');
  for (const [k, w] of Object.entries(worst)) {
    console.log(`  ${k.padEnd(12)} ${w.cpuMs} ms (${w.cpuCase}), ${w.extraMb} MB (${w.memCase})`);
  }
  const failed = results.filter((r) => !r.ok);
  console.log(
    JSON.stringify({
      bench: 'hostile',
      loadavg: loadavg().map((l) => Number(l.toFixed(2))),
      cases: results.length,
      over: failed.map((r) => `${r.size} ${r.format} ${r.name}`),
      worst,
    }),
  );
  process.exitCode = failed.length ? 1 : 0;
}

void main();
