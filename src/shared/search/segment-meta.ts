/** The per-document metadata arrays of a segment, with its metadata strings interned. */
import { IntList } from './bytes';
import type { Segment } from './segment';

/** Interns metadata strings and builds the per-document metadata arrays. */
export class MetaBuilder {
  private ids = new Map<string, number>();
  readonly strings: string[] = [];
  readonly docIds: string[] = [];
  readonly titleLen = new IntList();
  readonly metaLen = new IntList();
  readonly bodyLen = new IntList();
  readonly published = new IntList();
  readonly flags = new IntList();
  readonly lang = new IntList();
  readonly source = new IntList();
  readonly tagStart = new IntList();
  readonly tagIds = new IntList();
  readonly authorStart = new IntList();
  readonly authorIds = new IntList();

  constructor() {
    this.tagStart.push(0);
    this.authorStart.push(0);
  }

  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  addDoc(
    id: string,
    lengths: readonly [number, number, number],
    published: number,
    flags: number,
    lang: string,
    source: string,
    tags: readonly string[],
    authors: readonly string[],
  ): void {
    this.docIds.push(id);
    this.titleLen.push(Math.min(lengths[0], 0xffff));
    this.metaLen.push(Math.min(lengths[1], 0xffff));
    this.bodyLen.push(lengths[2]);
    this.published.push(published);
    this.flags.push(flags);
    this.lang.push(this.intern(lang));
    this.source.push(this.intern(source));
    for (const t of tags) this.tagIds.push(this.intern(t));
    this.tagStart.push(this.tagIds.length);
    for (const a of authors) this.authorIds.push(this.intern(a));
    this.authorStart.push(this.authorIds.length);
  }

  finish(): Pick<
    Segment,
    | 'docCount'
    | 'docIds'
    | 'titleLen'
    | 'metaLen'
    | 'bodyLen'
    | 'published'
    | 'flags'
    | 'lang'
    | 'source'
    | 'tagStart'
    | 'tagIds'
    | 'authorStart'
    | 'authorIds'
    | 'strings'
  > {
    const u32 = (l: IntList) => Uint32Array.from(l.a.subarray(0, l.length));
    return {
      docCount: this.docIds.length,
      docIds: this.docIds,
      titleLen: Uint16Array.from(this.titleLen.a.subarray(0, this.titleLen.length)),
      metaLen: Uint16Array.from(this.metaLen.a.subarray(0, this.metaLen.length)),
      bodyLen: u32(this.bodyLen),
      published: this.published.a.slice(0, this.published.length),
      flags: Uint8Array.from(this.flags.a.subarray(0, this.flags.length)),
      lang: u32(this.lang),
      source: u32(this.source),
      tagStart: u32(this.tagStart),
      tagIds: u32(this.tagIds),
      authorStart: u32(this.authorStart),
      authorIds: u32(this.authorIds),
      strings: this.strings,
    };
  }
}
