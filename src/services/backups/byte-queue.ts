/**
 * A FIFO of bytes fed in arbitrary pieces and drained in exact sizes, without re-copying the whole
 * buffer on every push (streams hand over many small pieces; concatenating each time is quadratic).
 */
export class ByteQueue {
  private pieces: Uint8Array[] = [];
  private head = 0;
  length = 0;

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.pieces.push(bytes);
    this.length += bytes.length;
  }

  /** Removes and returns the first `n` bytes (n ≤ length). */
  take(n: number): Uint8Array<ArrayBuffer> {
    if (n > this.length) throw new RangeError(`take(${n}) from ${this.length} bytes`);
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const piece = this.pieces[0] as Uint8Array;
      const count = Math.min(piece.length - this.head, n - filled);
      out.set(piece.subarray(this.head, this.head + count), filled);
      filled += count;
      this.head += count;
      if (this.head === piece.length) {
        this.pieces.shift();
        this.head = 0;
      }
    }
    this.length -= n;
    return out;
  }

  takeAll(): Uint8Array<ArrayBuffer> {
    return this.take(this.length);
  }
}
