/**
 * An ordered map from price (micro-dollars, a safe integer) to visible size (shares), used for one
 * side of an L2 book.
 *
 * Structure: an AVL tree (Adelson-Velsky & Landis 1962; height-balanced binary search tree, see
 * Knuth, TAOCP vol. 3, §6.2.3) whose nodes live in parallel typed arrays (a node pool) instead of
 * JS objects. Node 0 is the nil sentinel (height 0). Freed nodes go on a free list threaded through
 * `left`, so steady-state updates allocate nothing; the pool doubles when it runs out (amortised O(1)).
 *
 * Complexity, n = occupied price levels on this side:
 * - get / add / set / remove: O(log n) (AVL height <= 1.44 log2(n + 2)).
 * - min / max: O(log n).
 * - top `depth` levels in order: O(log n + depth), with a preallocated explicit stack.
 *
 * Why a tree and not a sorted array or a tick ladder: a sorted array has O(n) inserts when a level
 * appears deep in the book, and a tick-indexed ladder needs a known tick and price range (LOBSTER and
 * the BookView seam accept any integer micro-dollar price). The tree keeps every update O(log n)
 * whatever the price grid. Prices are stored in Float64Array, which holds every safe integer exactly.
 */
export class PriceTree {
  private keys: Float64Array;
  private vals: Float64Array;
  private left: Int32Array;
  private right: Int32Array;
  private height: Int32Array;
  private root = 0;
  private freeHead = 0;
  /** Next never-used node index; node 0 is the sentinel. */
  private nextFresh = 1;
  private count = 0;
  /** In-order traversal stack; AVL height of 64 would need more nodes than memory holds. */
  private readonly stack = new Int32Array(96);
  /** Scratch for `remove`: set when the key was found. */
  private removedFound = false;

  /** @param initialCapacity nodes to preallocate (levels); grows by doubling. */
  constructor(initialCapacity = 256) {
    const cap = Math.max(2, initialCapacity + 1);
    this.keys = new Float64Array(cap);
    this.vals = new Float64Array(cap);
    this.left = new Int32Array(cap);
    this.right = new Int32Array(cap);
    this.height = new Int32Array(cap);
  }

  /** Number of keys held. */
  get size(): number {
    return this.count;
  }

  /** Value stored at `key`, or 0 when absent. O(log n). */
  get(key: number): number {
    const node = this.find(key);
    return node === 0 ? 0 : this.vals[node]!;
  }

  /** Node index holding `key`, or 0. */
  private find(key: number): number {
    let n = this.root;
    const keys = this.keys;
    while (n !== 0) {
      const k = keys[n]!;
      if (key === k) return n;
      n = key < k ? this.left[n]! : this.right[n]!;
    }
    return 0;
  }

  /**
   * Adds `delta` to the value at `key` (absent counts as 0) and returns the new value. A result of 0
   * removes the key. The caller must ensure the result is not negative (checked by OrderBook, which
   * knows the side and can name it in the error); this method returns it without storing it.
   */
  add(key: number, delta: number): number {
    const node = this.find(key);
    if (node !== 0) {
      const next = this.vals[node]! + delta;
      if (next > 0) this.vals[node] = next;
      else if (next === 0) this.remove(key);
      return next;
    }
    if (delta > 0) this.root = this.insert(this.root, key, delta);
    return delta;
  }

  /** Sets the value at `key`; 0 removes it. Negative values are the caller's to reject. O(log n). */
  set(key: number, value: number): void {
    const node = this.find(key);
    if (node !== 0) {
      if (value === 0) this.remove(key);
      else this.vals[node] = value;
    } else if (value !== 0) {
      this.root = this.insert(this.root, key, value);
    }
  }

  /** Removes `key`; returns true when it was present. O(log n). */
  remove(key: number): boolean {
    this.removedFound = false;
    this.root = this.delete(this.root, key);
    return this.removedFound;
  }

  /** Removes every key; keeps the allocated pool. */
  clear(): void {
    this.root = 0;
    this.freeHead = 0;
    this.nextFresh = 1;
    this.count = 0;
  }

  /** Smallest key, or NaN when empty. */
  minKey(): number {
    let n = this.root;
    if (n === 0) return NaN;
    while (this.left[n] !== 0) n = this.left[n]!;
    return this.keys[n]!;
  }

  /** Largest key, or NaN when empty. */
  maxKey(): number {
    let n = this.root;
    if (n === 0) return NaN;
    while (this.right[n] !== 0) n = this.right[n]!;
    return this.keys[n]!;
  }

  /**
   * Writes up to `depth` entries in order (descending when `descending`) into `outKeys`/`outVals`
   * starting at index 0 and returns how many were written. No allocation. O(log n + depth).
   */
  copyOrdered(descending: boolean, depth: number, outKeys: Float64Array | number[], outVals: Float64Array | number[]): number {
    const stack = this.stack;
    const near = descending ? this.right : this.left;
    const far = descending ? this.left : this.right;
    let sp = 0;
    let n = this.root;
    let written = 0;
    while (written < depth && (n !== 0 || sp > 0)) {
      while (n !== 0) {
        stack[sp++] = n;
        n = near[n]!;
      }
      n = stack[--sp]!;
      outKeys[written] = this.keys[n]!;
      outVals[written] = this.vals[n]!;
      written++;
      n = far[n]!;
    }
    return written;
  }

  private alloc(key: number, value: number): number {
    let n: number;
    if (this.freeHead !== 0) {
      n = this.freeHead;
      this.freeHead = this.left[n]!;
    } else {
      if (this.nextFresh === this.keys.length) this.grow();
      n = this.nextFresh++;
    }
    this.keys[n] = key;
    this.vals[n] = value;
    this.left[n] = 0;
    this.right[n] = 0;
    this.height[n] = 1;
    this.count++;
    return n;
  }

  private release(n: number): void {
    this.left[n] = this.freeHead;
    this.freeHead = n;
    this.count--;
  }

  private grow(): void {
    const cap = this.keys.length * 2;
    const grow64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const grow32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.keys = grow64(this.keys);
    this.vals = grow64(this.vals);
    this.left = grow32(this.left);
    this.right = grow32(this.right);
    this.height = grow32(this.height);
  }

  private insert(n: number, key: number, value: number): number {
    if (n === 0) return this.alloc(key, value);
    // The child is computed before `this.left`/`this.right` is read for the store: an insert may
    // grow (replace) the arrays, and `this.left[n] = f()` would evaluate the old array first.
    if (key < this.keys[n]!) {
      const child = this.insert(this.left[n]!, key, value);
      this.left[n] = child;
    } else {
      const child = this.insert(this.right[n]!, key, value);
      this.right[n] = child;
    }
    return this.balance(n);
  }

  private delete(n: number, key: number): number {
    if (n === 0) return 0;
    const k = this.keys[n]!;
    if (key < k) {
      this.left[n] = this.delete(this.left[n]!, key);
    } else if (key > k) {
      this.right[n] = this.delete(this.right[n]!, key);
    } else {
      this.removedFound = true;
      const l = this.left[n]!;
      const r = this.right[n]!;
      if (l === 0 || r === 0) {
        this.release(n);
        return l === 0 ? r : l;
      }
      // Two children: take over the in-order successor's entry, then unlink the successor.
      let m = r;
      while (this.left[m] !== 0) m = this.left[m]!;
      this.keys[n] = this.keys[m]!;
      this.vals[n] = this.vals[m]!;
      this.right[n] = this.deleteMin(r);
    }
    return this.balance(n);
  }

  private deleteMin(n: number): number {
    const l = this.left[n]!;
    if (l === 0) {
      const r = this.right[n]!;
      this.release(n);
      return r;
    }
    this.left[n] = this.deleteMin(l);
    return this.balance(n);
  }

  private balance(n: number): number {
    const h = this.height;
    const l = this.left[n]!;
    const r = this.right[n]!;
    const hl = h[l]!;
    const hr = h[r]!;
    if (hl - hr > 1) {
      if (h[this.left[l]!]! < h[this.right[l]!]!) this.left[n] = this.rotateLeft(l);
      return this.rotateRight(n);
    }
    if (hr - hl > 1) {
      if (h[this.right[r]!]! < h[this.left[r]!]!) this.right[n] = this.rotateRight(r);
      return this.rotateLeft(n);
    }
    h[n] = (hl > hr ? hl : hr) + 1;
    return n;
  }

  private fix(n: number): void {
    const hl = this.height[this.left[n]!]!;
    const hr = this.height[this.right[n]!]!;
    this.height[n] = (hl > hr ? hl : hr) + 1;
  }

  private rotateRight(n: number): number {
    const l = this.left[n]!;
    this.left[n] = this.right[l]!;
    this.right[l] = n;
    this.fix(n);
    this.fix(l);
    return l;
  }

  private rotateLeft(n: number): number {
    const r = this.right[n]!;
    this.right[n] = this.left[r]!;
    this.left[r] = n;
    this.fix(n);
    this.fix(r);
    return r;
  }
}
