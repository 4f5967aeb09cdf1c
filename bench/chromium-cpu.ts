/** CPU time of Chromium's processes and threads, for benchmarks on a shared machine. */
import type { Browser } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';

export interface ChromiumCpu {
  /** CPU seconds per process type. */
  byType: Record<string, number>;
  /** CPU ms per process type and thread name, where /proc has them (Linux); threads that
   * ended before the reading are missing, so these are lower bounds. */
  byThread: Record<string, number>;
}

/** CPU time of Chromium's processes so far, and of their threads where the OS tells. */
export async function chromiumCpu(browser: Browser): Promise<ChromiumCpu> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number; cpuTime: number }[];
    };
    const byType: Record<string, number> = {};
    const byThread: Record<string, number> = {};
    for (const p of processInfo) {
      byType[p.type] = (byType[p.type] ?? 0) + p.cpuTime;
      for (const [name, ms] of threadCpu(p.id)) {
        const key = `${p.type}: ${name}`;
        byThread[key] = (byThread[key] ?? 0) + ms;
      }
    }
    return { byType, byThread };
  } finally {
    await cdp.detach();
  }
}

/** CPU ms per thread name of a process, from /proc (utime + stime at 100 ticks a second). */
function threadCpu(pid: number): [string, number][] {
  const out: [string, number][] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const task of tasks) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push([name, (Number(fields[11]) + Number(fields[12])) * 10]);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}
