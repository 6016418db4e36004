import { ByteQueue } from "./byte-queue";

/** R2 multipart parts must all have one size (but the last) of at least 5 MiB. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
/** R2 allows 2 KiB of custom metadata (keys and values together). */
const METADATA_LIMIT = 2048;

export interface WriteOptions {
  partSize?: number;
  /** Metadata known before the first byte (identity of the backup). */
  metadata: Record<string, string>;
  /** Metadata known only at the end (checksums, counts); read after the body has ended. */
  finalMetadata: () => Promise<Record<string, string>>;
}

export interface WriteResult {
  multipart: boolean;
}

/** Drops optional fields (in order) until the metadata fits R2's limit. */
export function fitMetadata(
  required: Record<string, string>,
  optional: Record<string, string>,
): Record<string, string> {
  const out = { ...required, ...optional };
  const size = (m: Record<string, string>) => Object.entries(m).reduce((n, [k, v]) => n + k.length + v.length, 0);
  for (const key of Object.keys(optional)) {
    if (size(out) <= METADATA_LIMIT) break;
    delete out[key];
  }
  return out;
}

/**
 * Streams `body` into the bucket with bounded memory. Up to one part it is a single `put` carrying
 * the full metadata; beyond that a multipart upload (metadata must be given when it starts, so such
 * an object carries the identity only and its checksums live in the manifest row). On any failure
 * the multipart upload is aborted, so no partial object is left behind.
 */
export async function writeObject(
  bucket: R2Bucket,
  key: string,
  body: ReadableStream<Uint8Array>,
  opts: WriteOptions,
): Promise<WriteResult> {
  const partSize = Math.max(opts.partSize ?? DEFAULT_PART_SIZE, MIN_PART_SIZE);
  const pending = new ByteQueue();
  const parts: R2UploadedPart[] = [];
  let upload: R2MultipartUpload | undefined;
  const httpMetadata = { contentType: "application/octet-stream" };
  try {
    for await (const chunk of body) {
      pending.push(chunk);
      while (pending.length > partSize) {
        upload ??= await bucket.createMultipartUpload(key, { customMetadata: opts.metadata, httpMetadata });
        parts.push(await upload.uploadPart(parts.length + 1, pending.take(partSize)));
      }
    }
    if (!upload) {
      const customMetadata = fitMetadata(opts.metadata, await opts.finalMetadata());
      await bucket.put(key, pending.takeAll(), { customMetadata, httpMetadata });
      return { multipart: false };
    }
    parts.push(await upload.uploadPart(parts.length + 1, pending.takeAll()));
    await upload.complete(parts);
    return { multipart: true };
  } catch (err) {
    await upload?.abort().catch(() => {});
    throw err;
  }
}
