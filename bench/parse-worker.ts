/** Benchmark worker: parses the paths it is sent with parseFile and reports the counts. */
import { parentPort } from 'node:worker_threads';
import { parseFile } from '../src/main/import/index';

parentPort?.on('message', (paths: string[]) => {
  void (async () => {
    let next = 0;
    let refused = 0;
    const lane = async (): Promise<void> => {
      while (next < paths.length) {
        const r = await parseFile(paths[next++] as string);
        if (!r.ok) refused++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    parentPort?.postMessage({ done: paths.length, refused });
  })();
});
