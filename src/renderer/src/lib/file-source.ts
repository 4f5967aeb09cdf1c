import type { FileSource } from '@shared/clipbook-api';

/** A file main reads for us, as a stream that asks for the next chunk only when it is wanted. */
export function streamOf(source: FileSource): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const chunk = await source.read();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
      cancel: () => source.close(),
    },
    // One chunk ahead at most: memory stays bounded by the chunk size.
    { highWaterMark: 0 },
  );
}

/** The whole file (a JSON export must be parsed whole), read a chunk at a time. */
export async function readAll(source: FileSource): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (let chunk = await source.read(); chunk; chunk = await source.read()) chunks.push(chunk);
  return new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
}
