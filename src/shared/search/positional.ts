/**
 * Evaluates positional operators in one segment: proximity (w/N, pre/N, w/s, w/p), field
 * scopes (`title:`), atleastN and phrases among them, as span sets (spans.ts) over the
 * candidate documents that the index found from postings alone.
 */
import { nearWordsMask } from './near-words';
import type { QueryNode } from './query-ast';
import { findTerm, type Segment } from './segment';
import {
  atLeast,
  inField,
  nearSpans,
  phraseSpans,
  unionSpans,
  wordSpans,
  type SpanSet,
  Structures,
} from './spans';

/** The term ordinals a word or wildcard stands for in the segment. */
export type LeafOrds = (leaf: QueryNode & { type: 'term' | 'wildcard' }) => number[];

/** The node with positions ignored: what a document must have to be a candidate. */
export function relax(node: QueryNode): QueryNode {
  switch (node.type) {
    case 'term':
    case 'wildcard':
    case 'phrase':
      return node.field ? { ...node, field: null } : node;
    case 'near':
      return {
        type: 'and',
        children: [relax(node.left), relax(node.right)],
        start: node.start,
        end: node.end,
      };
    case 'atleast':
      return relax(node.child);
    case 'or':
      return { ...node, children: node.children.map(relax) };
    default:
      return node;
  }
}

/** Words only (a word's forms, wildcards, ORs of them), anywhere in the document. */
function isWords(node: QueryNode): boolean {
  if (node.type === 'term' || node.type === 'wildcard') return node.field === null;
  return node.type === 'or' && node.children.every(isWords);
}

/**
 * A proximity between words only: evaluated straight from postings and positions (see
 * near-words.ts), which find the documents with both operands themselves.
 */
export function isWordProximity(node: QueryNode): boolean {
  return node.type === 'near' && isWords(node.left) && isWords(node.right);
}

/** The words, wildcards and phrases of a positional node. */
export function leavesOf(node: QueryNode, out: QueryNode[] = []): QueryNode[] {
  switch (node.type) {
    case 'term':
    case 'wildcard':
    case 'phrase':
      out.push(node);
      break;
    case 'near':
      leavesOf(node.left, out);
      leavesOf(node.right, out);
      break;
    case 'atleast':
    case 'not':
      leavesOf(node.child, out);
      break;
    case 'or':
    case 'and':
      for (const c of node.children) leavesOf(c, out);
      break;
    case 'filter':
      break;
  }
  return out;
}

/** The documents of `candidates` where `node` holds, as a byte mask. */
export function positionalMask(
  node: QueryNode,
  seg: Segment,
  candidates: Uint8Array,
  leafOrds: LeafOrds,
): Uint8Array {
  const mask = new Uint8Array(seg.docCount);
  let any = false;
  for (let d = 0; d < candidates.length; d++) {
    if (candidates[d]) {
      any = true;
      break;
    }
  }
  if (!any) return mask;
  const structures = new Structures(seg);
  if (node.type === 'near' && isWordProximity(node)) {
    const left = wordOrds(node.left, leafOrds);
    const right = wordOrds(node.right, leafOrds);
    return nearWordsMask(seg, left, right, node.proximity, candidates, structures);
  }
  const set = spansOf(node, seg, candidates, leafOrds, structures, true);
  for (let i = 0; i < set.docs.length; i++) mask[set.docs[i]!] = 1;
  return mask;
}

/** The terms of an operand of words only (see isWords). */
function wordOrds(node: QueryNode, leafOrds: LeafOrds): number[] {
  if (node.type === 'term' || node.type === 'wildcard') return leafOrds(node);
  const all = new Set<number>();
  if (node.type === 'or')
    for (const c of node.children) for (const o of wordOrds(c, leafOrds)) all.add(o);
  return [...all];
}

function spansOf(
  node: QueryNode,
  seg: Segment,
  candidates: Uint8Array,
  leafOrds: LeafOrds,
  structures: Structures,
  /** Only the documents matter (no operator above needs the spans). */
  exists = false,
): SpanSet {
  switch (node.type) {
    case 'term':
    case 'wildcard': {
      const set = wordSpans(seg, leafOrds(node), candidates);
      return node.field ? inField(set, node.field, structures) : set;
    }
    case 'phrase': {
      const words = node.terms.map((t) => {
        const o = findTerm(seg, t);
        return wordSpans(seg, o >= 0 ? [o] : [], candidates);
      });
      const set = phraseSpans(words);
      return node.field ? inField(set, node.field, structures) : set;
    }
    case 'or':
      return node.children
        .map((c) => spansOf(c, seg, candidates, leafOrds, structures, exists))
        .reduce(unionSpans);
    case 'near':
      return nearSpans(
        spansOf(node.left, seg, candidates, leafOrds, structures),
        spansOf(node.right, seg, candidates, leafOrds, structures),
        node.proximity,
        structures,
        exists,
      );
    case 'atleast':
      return atLeast(spansOf(node.child, seg, candidates, leafOrds, structures), node.count);
    default:
      // The parser lets only words, phrases and ORs of them into positional operators.
      throw new Error(`A ${node.type} has no positions`);
  }
}
