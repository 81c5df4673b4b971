// The token trie of every rule phrase, as flat integer arrays keyed by stem id (internStem):
// built phrase by phrase while the rules compile, read by the matching pass (match.ts) with
// integer comparisons and array reads only.
import { internStem } from './normalize.ts';

/** The trie: node 0 is the root; a term is a phrase, ending at one node. -1 means none. */
export interface FlatTrie {
  /** Child of the root per stem id; stem ids past its length have none. */
  rootChild: Int32Array;
  /** Edges below the root, as a chain per node: firstEdge[node], then nextEdge[edge]. */
  firstEdge: Int32Array;
  nextEdge: Int32Array;
  edgeStem: Int32Array;
  edgeChild: Int32Array;
  /** Terms ending at a node, in the order they were added: firstTerm[node], then nextTerm[term]. */
  firstTerm: Int32Array;
  nextTerm: Int32Array;
}

/** Builds a FlatTrie one phrase at a time. */
export class TrieBuilder {
  private readonly rootChild: number[] = [];
  private readonly firstEdge: number[] = [-1];
  private readonly nextEdge: number[] = [];
  private readonly edgeStem: number[] = [];
  private readonly edgeChild: number[] = [];
  private readonly firstTerm: number[] = [-1];
  private readonly lastTerm: number[] = [-1];
  private readonly nextTerm: number[] = [];

  /** Adds the path of `stems` and records `term` at its end (each term id once, in increasing order). */
  add(stems: string[], term: number): void {
    let node = 0;
    for (const stem of stems) {
      const id = internStem(stem);
      let child = node === 0 ? (this.rootChild[id] ?? -1) : this.child(node, id);
      if (child < 0) {
        child = this.firstEdge.length;
        this.firstEdge.push(-1);
        this.firstTerm.push(-1);
        this.lastTerm.push(-1);
        if (node === 0) {
          while (this.rootChild.length <= id) this.rootChild.push(-1);
          this.rootChild[id] = child;
        } else {
          this.nextEdge.push(this.firstEdge[node]);
          this.firstEdge[node] = this.edgeStem.length;
          this.edgeStem.push(id);
          this.edgeChild.push(child);
        }
      }
      node = child;
    }
    while (this.nextTerm.length <= term) this.nextTerm.push(-1);
    if (this.lastTerm[node] < 0) this.firstTerm[node] = term;
    else this.nextTerm[this.lastTerm[node]] = term;
    this.lastTerm[node] = term;
  }

  private child(node: number, stem: number): number {
    for (let e = this.firstEdge[node]; e >= 0; e = this.nextEdge[e]) if (this.edgeStem[e] === stem) return this.edgeChild[e];
    return -1;
  }

  /** Returns the trie as typed arrays. */
  finish(): FlatTrie {
    const ints = (a: number[]) => Int32Array.from(a);
    return {
      rootChild: ints(this.rootChild), firstEdge: ints(this.firstEdge), nextEdge: ints(this.nextEdge), edgeStem: ints(this.edgeStem),
      edgeChild: ints(this.edgeChild), firstTerm: ints(this.firstTerm), nextTerm: ints(this.nextTerm),
    };
  }
}

/** Returns the child of a node below the root along stem id `stem`, or -1. */
export function childOf(trie: FlatTrie, node: number, stem: number): number {
  if (stem < 0) return -1;
  const { nextEdge, edgeStem } = trie;
  for (let e = trie.firstEdge[node]; e >= 0; e = nextEdge[e]) if (edgeStem[e] === stem) return trie.edgeChild[e];
  return -1;
}
