import { bytesToHex } from "../../lib/crypto";
import { decryptContainer, encryptContainer } from "./container";

/** What the stored object's manifest says about its bytes. */
export interface SealStats {
  plaintextSha256: string;
  plaintextBytes: number;
  compressedBytes: number;
  ciphertextSha256: string;
  ciphertextBytes: number;
}

export interface OpenStats {
  plaintextSha256: string;
  plaintextBytes: number;
  ciphertextSha256: string;
  ciphertextBytes: number;
}

interface Tap {
  stream: TransformStream<Uint8Array, Uint8Array>;
  result: Promise<{ sha256: string; bytes: number }>;
}

/** A pass-through that counts and hashes what flows by (workerd's streaming DigestStream). */
function tap(hash: boolean): Tap {
  let bytes = 0;
  const digest = hash ? new crypto.DigestStream("SHA-256") : undefined;
  const writer = digest?.getWriter();
  let done: (v: { sha256: string; bytes: number }) => void = () => {};
  let failed: (e: unknown) => void = () => {};
  const result = new Promise<{ sha256: string; bytes: number }>((res, rej) => {
    done = res;
    failed = rej;
  });
  // A pipeline that fails before the end never settles this; callers await it only after success.
  result.catch(() => {});
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform: async (chunk, controller) => {
      bytes += chunk.length;
      await writer?.write(chunk);
      controller.enqueue(chunk);
    },
    flush: async () => {
      try {
        await writer?.close();
        const sha256 = digest ? bytesToHex(new Uint8Array(await digest.digest)) : "";
        done({ sha256, bytes });
      } catch (err) {
        failed(err);
      }
    },
  });
  return { stream, result };
}

/**
 * plaintext → gzip → AES-256-GCM container. The returned stream is the object to store; `stats`
 * resolves once it has been read to the end.
 */
export function sealBackup(
  plaintext: ReadableStream<Uint8Array>,
  key: CryptoKey,
  context: string,
  chunkSize?: number,
): { stream: ReadableStream<Uint8Array>; stats: Promise<SealStats> } {
  const plain = tap(true);
  const compressed = tap(false);
  const sealed = tap(true);
  const stream = plaintext
    .pipeThrough(plain.stream)
    .pipeThrough(new CompressionStream("gzip"))
    .pipeThrough(compressed.stream)
    .pipeThrough(encryptContainer(key, context, chunkSize))
    .pipeThrough(sealed.stream);
  const stats = Promise.all([plain.result, compressed.result, sealed.result]).then(([p, c, s]) => ({
    plaintextSha256: p.sha256,
    plaintextBytes: p.bytes,
    compressedBytes: c.bytes,
    ciphertextSha256: s.sha256,
    ciphertextBytes: s.bytes,
  }));
  stats.catch(() => {});
  return { stream, stats };
}

/**
 * The inverse of sealBackup. Every chunk is authenticated before it is passed on, but the whole
 * object is only proven intact once the stream has ended without error and `stats` match the
 * manifest: consumers that act on the content must read it to the end first (restore does).
 */
export function openBackup(
  stored: ReadableStream<Uint8Array>,
  key: CryptoKey,
  context: string,
): { stream: ReadableStream<Uint8Array>; stats: Promise<OpenStats> } {
  const sealed = tap(true);
  const plain = tap(true);
  const stream = stored
    .pipeThrough(sealed.stream)
    .pipeThrough(decryptContainer(key, context))
    .pipeThrough(new DecompressionStream("gzip"))
    .pipeThrough(plain.stream);
  const stats = Promise.all([sealed.result, plain.result]).then(([s, p]) => ({
    ciphertextSha256: s.sha256,
    ciphertextBytes: s.bytes,
    plaintextSha256: p.sha256,
    plaintextBytes: p.bytes,
  }));
  stats.catch(() => {});
  return { stream, stats };
}

/** The UTF-8 lines of a byte stream (`\n`-separated; a last line without `\n` is still a line). */
export async function* readLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let rest = "";
  for await (const chunk of stream) {
    const parts = (rest + decoder.decode(chunk, { stream: true })).split("\n");
    rest = parts.pop() ?? "";
    yield* parts;
  }
  rest += decoder.decode();
  if (rest.length > 0) yield rest;
}

/** A byte stream of the text pieces an async source yields, pulled on demand (back-pressure). */
export function textStream(source: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      for (;;) {
        const next = await it.next();
        if (next.done) return controller.close();
        if (next.value.length > 0) return controller.enqueue(encoder.encode(next.value));
      }
    },
    cancel: async (reason) => {
      await it.return?.(reason);
    },
  });
}
