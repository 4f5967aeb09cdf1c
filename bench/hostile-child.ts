/**
 * One hostile file, parsed in a process of its own so that its time and peak memory are its
 * own: prints one JSON line (CPU and wall milliseconds, peak RSS above the warmed-up process).
 */
import { readFileSync } from 'node:fs';
import { parseBytes } from '../src/main/import/index';
import { HOSTILE_CASES } from './hostile-inputs';

const [path, name] = process.argv.slice(2) as [string, string];

/**
 * Resident and peak resident size in KB of this address space, from /proc (Linux). Not
 * getrusage's maxRSS: Linux carries that across fork + exec, so a child reports its parent's
 * peak.
 */
function memoryKb(): { rss: number; peak: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const field = (k: string): number =>
    Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

async function main(): Promise<void> {
  const bytes = new Uint8Array(readFileSync(path));
  const ext = name.slice(name.lastIndexOf('.') + 1);
  // Warm up: load the format's parser (pdfjs, mammoth…) on a small ordinary file first.
  const sample = HOSTILE_CASES.find((c) => c.format === ext);
  if (sample) await parseBytes(sample.make(20_000), name);
  // Conservative: the peak after, less the resident size now (not less the earlier peak).
  const rssBefore = memoryKb().rss;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const r = await parseBytes(bytes, name);
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  const peakMb = (memoryKb().peak - rssBefore) / 1024;
  process.stdout.write(
    `${JSON.stringify({
      cpuMs: Math.round((used.user + used.system) / 1000),
      wallMs: Math.round(wallMs),
      extraMb: Math.round(peakMb),
      outcome: r.ok ? 'clipping' : r.error.code,
      warnings: r.ok ? r.draft.warnings.length : 0,
    })}\n`,
  );
}

void main();
