import type { ArticleNote, Highlight } from '@shared/annotations';
import type { Clipping } from '@shared/clipping';
import type { ClipbookDb } from './db';

export interface AnnotatedClipping {
  clipping: Clipping;
  /** In text order. */
  highlights: Highlight[];
  note: ArticleNote | undefined;
}

/** Clippings with their highlights and notes, in the order of `ids` (missing ones left out). */
export async function loadAnnotated(
  db: ClipbookDb,
  ids: readonly string[],
): Promise<AnnotatedClipping[]> {
  return db.transaction('r', [db.clippings, db.highlights, db.notes], async () => {
    const [clippings, notes, highlights] = await Promise.all([
      db.clippings.bulkGet([...ids]),
      db.notes.bulkGet([...ids]),
      db.highlights
        .where('clippingId')
        .anyOf([...ids])
        .toArray(),
    ]);
    const byClipping = new Map<string, Highlight[]>();
    for (const h of highlights) {
      const list = byClipping.get(h.clippingId) ?? [];
      list.push(h);
      byClipping.set(h.clippingId, list);
    }
    return clippings.flatMap((clipping, index) =>
      clipping
        ? [
            {
              clipping,
              highlights: (byClipping.get(clipping.id) ?? []).sort(
                (a, b) => a.position.start - b.position.start || a.position.end - b.position.end,
              ),
              note: notes[index],
            },
          ]
        : [],
    );
  });
}
