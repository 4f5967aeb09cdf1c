/** Messages between the window and the stories worker. */
import type { Clipping } from '@shared/clipping';
import type { ChoiceChange } from '../lib/stories-store';

export type StoryText = Pick<Clipping, 'id' | 'source' | 'publishedAt' | 'language' | 'paragraphs'>;

export type StoriesRequest =
  | { kind: 'regroupAll' }
  | { kind: 'added'; ids: string[] }
  /** New clippings with the text grouping needs, from memory: the worker reads nothing. */
  | { kind: 'addedDocs'; docs: StoryText[] }
  | { kind: 'regroup'; ids: string[] }
  | { kind: 'split'; id: string }
  | { kind: 'merge'; a: string; b: string }
  | { kind: 'undo'; change: ChoiceChange };

export interface StoriesResponses {
  regroupAll: { stories: number };
  added: { changed: string[] };
  addedDocs: { changed: string[] };
  regroup: { changed: string[] };
  split: { change: ChoiceChange; changed: string[] };
  merge: { change: ChoiceChange; changed: string[] };
  undo: { changed: string[] };
}

export type StoriesRequestMessage = { seq: number; request: StoriesRequest };
export type StoriesResponseMessage =
  | { seq: number; ok: true; result: unknown }
  | { seq: number; ok: false; message: string }
  | { seq: 0; progress: { done: number; total: number } };
