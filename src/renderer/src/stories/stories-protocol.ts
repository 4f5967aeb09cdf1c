/** Messages between the window and the stories worker. */
import type { ChoiceChange } from '../lib/stories-store';

export type StoriesRequest =
  | { kind: 'regroupAll' }
  | { kind: 'added'; ids: string[] }
  | { kind: 'regroup'; ids: string[] }
  | { kind: 'split'; id: string }
  | { kind: 'merge'; a: string; b: string }
  | { kind: 'undo'; change: ChoiceChange };

export interface StoriesResponses {
  regroupAll: { stories: number };
  added: { changed: string[] };
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
