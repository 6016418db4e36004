import { ByteQueue } from "./byte-queue";

/**
 * The encrypted container of a backup object (format "RTRWBKUP" version 1). The payload (the
 * gzip-compressed JSON-lines export) is cut into fixed-size chunks, each sealed on its own with
 * AES-256-GCM, so a backup of any size streams through bounded memory and every chunk is
 * authenticated before a byte of it is used:
 *
 *   header (32 bytes)  magic "RTRWBKUP" | version u8 = 1 | algorithm u8 = 1 (AES-256-GCM) |
 *                      key id u8 = 1 (BACKUP_ENCRYPTION_KEY) | chunk size u32 BE |
 *                      base IV (12 random bytes, fresh per backup) | 5 zero bytes
 *   chunk i            AES-GCM(plaintext[i·size, (i+1)·size)) ‖ 16-byte tag
 *                      nonce = base IV with its last 4 bytes XOR i (big-endian)
 *                      AAD   = header ‖ i (u32 BE) ‖ final flag (1 on the last chunk, else 0) ‖ context
 *
 * Every chunk but the last holds exactly `chunk size` plaintext bytes; the last holds 0..size
 * (an empty payload is one empty final chunk). The index in nonce and AAD detects reordered or
 * dropped chunks; the final flag detects truncation at a chunk boundary (the chunk that is now
 * last was sealed as non-final); the header in the AAD detects a changed header; the context
 * (`<tenant id>/<backup id>`) binds the object to its tenant and backup, so an object copied to
 * another tenant's key does not open there.
 */
export const MAGIC = new TextEncoder().encode("RTRWBKUP");
export const FORMAT_VERSION = 1;
const ALGORITHM_AES_256_GCM = 1;
export const KEY_ID = 1;
export const HEADER_BYTES = 32;
export const TAG_BYTES = 16;
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
/** Bounds a reader accepts, so a forged header cannot make it buffer gigabytes. */
export const MIN_CHUNK_SIZE = 64;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;

/** The object is not a backup we wrote with this key and context, or it was altered or cut. */
export class BackupIntegrityError extends Error {
  override name = "BackupIntegrityError";
}

/** Imported keys, by their base64 text: importing is async and the key never changes per isolate. */
const keyCache = new Map<string, Promise<CryptoKey>>();

/** The AES-256-GCM key from `BACKUP_ENCRYPTION_KEY` (32 bytes, base64). */
export function importBackupKey(base64Key: string): Promise<CryptoKey> {
  let key = keyCache.get(base64Key);
  if (!key) {
    const raw = Uint8Array.from(atob(base64Key), (c) => c.charCodeAt(0));
    if (raw.length !== 32) throw new Error("BACKUP_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
    key = crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
    keyCache.set(base64Key, key);
  }
  return key;
}

function buildHeader(chunkSize: number, baseIv: Uint8Array): Uint8Array {
  const h = new Uint8Array(HEADER_BYTES);
  h.set(MAGIC, 0);
  h[8] = FORMAT_VERSION;
  h[9] = ALGORITHM_AES_256_GCM;
  h[10] = KEY_ID;
  new DataView(h.buffer).setUint32(11, chunkSize);
  h.set(baseIv, 15);
  return h;
}

function parseHeader(h: Uint8Array): { chunkSize: number; baseIv: Uint8Array<ArrayBuffer> } {
  const fail = (why: string) => new BackupIntegrityError(`not a backup container: ${why}`);
  if (!MAGIC.every((b, i) => h[i] === b)) throw fail("bad magic");
  if (h[8] !== FORMAT_VERSION) throw fail(`unsupported version ${h[8]}`);
  if (h[9] !== ALGORITHM_AES_256_GCM || h[10] !== KEY_ID) throw fail("unknown algorithm or key");
  const chunkSize = new DataView(h.buffer, h.byteOffset).getUint32(11);
  if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) throw fail(`chunk size ${chunkSize}`);
  if (h.subarray(27).some((b) => b !== 0)) throw fail("reserved bytes set");
  return { chunkSize, baseIv: h.slice(15, 27) };
}

function chunkNonce(baseIv: Uint8Array, index: number): Uint8Array {
  const nonce = baseIv.slice();
  const view = new DataView(nonce.buffer);
  view.setUint32(8, (view.getUint32(8) ^ index) >>> 0);
  return nonce;
}

function chunkAad(header: Uint8Array, index: number, final: boolean, context: Uint8Array): Uint8Array {
  const aad = new Uint8Array(header.length + 5 + context.length);
  aad.set(header, 0);
  new DataView(aad.buffer).setUint32(header.length, index);
  aad[header.length + 4] = final ? 1 : 0;
  aad.set(context, header.length + 5);
  return aad;
}

const MAX_CHUNKS = 0xffffffff;

/** Seals a byte stream into the container. `context` must be given again to open it. */
export function encryptContainer(
  key: CryptoKey,
  context: string,
  chunkSize = DEFAULT_CHUNK_SIZE,
): TransformStream<Uint8Array, Uint8Array> {
  if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) throw new RangeError(`chunk size ${chunkSize}`);
  const header = buildHeader(chunkSize, crypto.getRandomValues(new Uint8Array(12)));
  const ctx = new TextEncoder().encode(context);
  const pending = new ByteQueue();
  let index = 0;
  const seal = async (plain: Uint8Array, final: boolean) => {
    if (index >= MAX_CHUNKS) throw new RangeError("backup too large for one container");
    const iv = chunkNonce(header.subarray(15, 27), index);
    const additionalData = chunkAad(header, index, final, ctx);
    index += 1;
    return new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData }, key, plain));
  };
  return new TransformStream({
    start: (controller) => controller.enqueue(header),
    transform: async (bytes, controller) => {
      pending.push(bytes);
      // Hold back one full chunk: only at the end is it known which chunk is the final one.
      while (pending.length > chunkSize) controller.enqueue(await seal(pending.take(chunkSize), false));
    },
    flush: async (controller) => controller.enqueue(await seal(pending.takeAll(), true)),
  });
}

/** Opens the container, failing with BackupIntegrityError on any alteration, reordering or truncation. */
export function decryptContainer(key: CryptoKey, context: string): TransformStream<Uint8Array, Uint8Array> {
  const ctx = new TextEncoder().encode(context);
  const pending = new ByteQueue();
  let header: Uint8Array | undefined;
  let chunkSize = 0;
  let baseIv: Uint8Array = new Uint8Array(12);
  let index = 0;
  const open = async (sealed: Uint8Array, final: boolean) => {
    if (!header) throw new BackupIntegrityError("truncated header");
    const iv = chunkNonce(baseIv, index);
    const additionalData = chunkAad(header, index, final, ctx);
    try {
      const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData }, key, sealed);
      index += 1;
      return new Uint8Array(plain);
    } catch {
      throw new BackupIntegrityError(`chunk ${index} failed authentication`);
    }
  };
  return new TransformStream({
    transform: async (bytes, controller) => {
      pending.push(bytes);
      if (!header) {
        if (pending.length < HEADER_BYTES) return;
        header = pending.take(HEADER_BYTES);
        ({ chunkSize, baseIv } = parseHeader(header));
      }
      while (pending.length > chunkSize + TAG_BYTES) {
        controller.enqueue(await open(pending.take(chunkSize + TAG_BYTES), false));
      }
    },
    flush: async (controller) => {
      if (!header) throw new BackupIntegrityError("truncated header");
      if (pending.length < TAG_BYTES) throw new BackupIntegrityError("truncated final chunk");
      controller.enqueue(await open(pending.takeAll(), true));
    },
  });
}
