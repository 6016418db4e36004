/**
 * The RouterOS API wire format: a sentence is a list of words ended by an empty word; each word is
 * its byte length (1 to 5 bytes, below) followed by its bytes. Used by the simulator (both ways), by
 * the client adapter to re-frame what node-routeros receives, and by `--check`'s raw probe.
 *
 * | length            | encoding                    |
 * |-------------------|-----------------------------|
 * | < 0x80            | 1 byte: len                 |
 * | < 0x4000          | 2 bytes: len \| 0x8000      |
 * | < 0x200000        | 3 bytes: len \| 0xC00000    |
 * | < 0x10000000      | 4 bytes: len \| 0xE0000000  |
 * | otherwise         | 0xF0, then 4 bytes of len   |
 *
 * A first byte ≥ 0xF8 is a reserved control byte: the stream cannot be read past it.
 */

/** Words are bytes; RouterOS text is Windows-1252, and node-routeros decodes it as such. Latin-1 keeps bytes 1:1. */
export const WORD_ENCODING = "latin1";

/** Refuses absurd frames instead of buffering them (a peer bug or an attack, never a real reply). */
export const MAX_SENTENCE_BYTES = 64 * 1024 * 1024;

export class WireProtocolError extends Error {
  override name = "WireProtocolError";
}

export function encodeLength(len: number): Buffer {
  if (!Number.isInteger(len) || len < 0 || len > 0xffffffff) throw new RangeError(`word length ${len}`);
  if (len < 0x80) return Buffer.from([len]);
  if (len < 0x4000) return Buffer.from([(len >>> 8) | 0x80, len & 0xff]);
  if (len < 0x200000) return Buffer.from([(len >>> 16) | 0xc0, (len >>> 8) & 0xff, len & 0xff]);
  if (len < 0x10000000) {
    return Buffer.from([(len >>> 24) | 0xe0, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff]);
  }
  return Buffer.from([0xf0, (len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff]);
}

/**
 * Reads a length at `offset`: `[value, bytesUsed]`, or `undefined` when the buffer ends inside the
 * length. Throws `WireProtocolError` on a control byte.
 */
export function decodeLength(buf: Buffer, offset: number): [number, number] | undefined {
  const b = buf[offset];
  if (b === undefined) return undefined;
  const need = b < 0x80 ? 1 : b < 0xc0 ? 2 : b < 0xe0 ? 3 : b < 0xf0 ? 4 : b < 0xf8 ? 5 : 0;
  if (need === 0) throw new WireProtocolError(`reserved control byte 0x${b.toString(16)}`);
  if (offset + need > buf.length) return undefined;
  if (need === 1) return [b, 1];
  if (need === 5) return [buf.readUInt32BE(offset + 1), 5];
  let len = b & (0xff >>> need);
  for (let i = 1; i < need; i++) len = len * 256 + (buf[offset + i] ?? 0);
  return [len, need];
}

export function encodeWord(word: string | Buffer): Buffer {
  const bytes = typeof word === "string" ? Buffer.from(word, WORD_ENCODING) : word;
  return Buffer.concat([encodeLength(bytes.length), bytes]);
}

/** A whole sentence, terminator included, ready to write in one `socket.write`. */
export function encodeSentence(words: readonly (string | Buffer)[]): Buffer {
  return Buffer.concat([...words.map(encodeWord), Buffer.from([0])]);
}

/** Several sentences back to back (a command's whole reply). */
export function encodeSentences(sentences: readonly (readonly string[])[]): Buffer {
  return Buffer.concat(sentences.map(encodeSentence));
}

/** One decoded sentence: its words, and its exact bytes on the wire. */
export interface DecodedSentence {
  words: Buffer[];
  bytes: Buffer;
}

/**
 * Incremental decoder: feed it chunks as they arrive (split anywhere, even inside a length), get
 * back the sentences completed by each chunk. Empty sentences (a lone terminator) are skipped, as
 * RouterOS does.
 */
export class SentenceDecoder {
  #pending: Buffer = Buffer.alloc(0);
  /** Chunks received while waiting for a long word, joined once it is complete (linear, not quadratic). */
  #waiting: Buffer[] = [];
  #waitingBytes = 0;
  /** Bytes `#pending` must hold before decoding can make progress. */
  #need = 0;
  /** Offset in `#pending` where the current sentence starts, and where the next word starts. */
  #start = 0;
  #pos = 0;
  #words: Buffer[] = [];

  push(chunk: Buffer): DecodedSentence[] {
    this.#waiting.push(chunk);
    this.#waitingBytes += chunk.length;
    if (this.#pending.length - this.#start + this.#waitingBytes < this.#need - this.#start) return [];
    if (this.#start > 0) {
      // Forget the bytes of sentences already returned; offsets become relative to the current one.
      this.#pending = this.#pending.subarray(this.#start);
      this.#pos -= this.#start;
      this.#need -= this.#start;
      this.#start = 0;
    }
    this.#pending = Buffer.concat([this.#pending, ...this.#waiting]);
    this.#waiting = [];
    this.#waitingBytes = 0;
    const out: DecodedSentence[] = [];
    for (;;) {
      const len = decodeLength(this.#pending, this.#pos);
      if (len === undefined) {
        this.#need = this.#pos + 1;
        break;
      }
      const [size, used] = len;
      if (this.#pos + used - this.#start + size > MAX_SENTENCE_BYTES) {
        throw new WireProtocolError(`sentence longer than ${MAX_SENTENCE_BYTES} bytes`);
      }
      if (this.#pos + used + size > this.#pending.length) {
        this.#need = this.#pos + used + size;
        break;
      }
      const wordStart = this.#pos + used;
      this.#pos = wordStart + size;
      if (size > 0) {
        this.#words.push(this.#pending.subarray(wordStart, this.#pos));
        continue;
      }
      if (this.#words.length > 0) {
        out.push({ words: this.#words, bytes: this.#pending.subarray(this.#start, this.#pos) });
      }
      this.#words = [];
      this.#start = this.#pos;
    }
    return out;
  }

  /** Bytes received that do not yet form a whole sentence. */
  get buffered(): number {
    return this.#pending.length - this.#start + this.#waitingBytes;
  }
}

export function wordsToStrings(words: readonly Buffer[]): string[] {
  return words.map((w) => w.toString(WORD_ENCODING));
}
