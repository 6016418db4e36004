/**
 * Just enough of the Postgres wire protocol for the local session pooler (scripts/local/ws-proxy.ts):
 * message framing, a buffered reader over a byte stream, and the few messages the pooler writes.
 * https://www.postgresql.org/docs/current/protocol-message-formats.html
 */

export const SSL_REQUEST = 80877103;
export const CANCEL_REQUEST = 80877102;
export const GSSENC_REQUEST = 80877104;

/** A typed message: one type byte, an int32 length (itself included), the body. */
export function message(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

export function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

export const cstring = (s: string) => Buffer.from(`${s}\0`, "utf8");

/** An Authentication message (`R`) with its sub-code and payload. */
export const authMessage = (code: number, payload: Buffer = Buffer.alloc(0)) =>
  message("R", Buffer.concat([int32(code), payload]));

export const queryMessage = (sql: string) => message("Q", cstring(sql));

/** A FATAL ErrorResponse, as Postgres sends it before closing a connection. */
export function fatalError(code: string, text: string): Buffer {
  return message(
    "E",
    Buffer.concat([cstring("SFATAL"), cstring("VFATAL"), cstring(`C${code}`), cstring(`M${text}`), Buffer.from([0])]),
  );
}

/** The human text (`M` field) of an ErrorResponse body. */
export function errorText(body: Buffer): string {
  for (const field of body.toString("utf8").split("\0")) if (field.startsWith("M")) return field.slice(1);
  return "unknown error";
}

/** The key/value parameters of a StartupMessage (length, protocol version, then pairs). */
export function startupParams(raw: Buffer): Map<string, string> {
  const parts = raw.subarray(8).toString("utf8").split("\0");
  const params = new Map<string, string>();
  for (let i = 0; i + 1 < parts.length && parts[i] !== ""; i += 2) params.set(parts[i] ?? "", parts[i + 1] ?? "");
  return params;
}

export function startupMessage(params: Map<string, string>): Buffer {
  const pairs = [...params].flatMap(([k, v]) => [cstring(k), cstring(v)]);
  const body = Buffer.concat([int32(196608), ...pairs, Buffer.from([0])]);
  return Buffer.concat([int32(body.length + 4), body]);
}

/** The request code of an untyped (startup-phase) packet: protocol version, SSL or cancel request. */
export const startupCode = (raw: Buffer) => raw.readInt32BE(4);

/**
 * Bytes from a stream, read back as whole messages: either awaited one by one (handshakes) or,
 * after `listen`, handed over in batches of complete messages as they arrive (the bridged session).
 */
export class Wire {
  private buf: Buffer = Buffer.alloc(0);
  private wake: (() => void) | undefined;
  private listener: ((messages: Buffer[]) => void) | undefined;
  private rawListener: ((chunk: Buffer) => void) | undefined;
  private readonly endListeners: (() => void)[] = [];
  ended = false;

  push(chunk: Buffer): void {
    if (this.rawListener) {
      this.rawListener(chunk);
      return;
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    if (this.listener) {
      const batch: Buffer[] = [];
      for (let m = this.take(1); m; m = this.take(1)) batch.push(m);
      if (batch.length) this.listener(batch);
    }
    this.notify();
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.notify();
    for (const fn of this.endListeners.splice(0)) fn();
  }

  /** Calls `fn` once the stream has ended (straight away if it already has). */
  onEnd(fn: () => void): void {
    if (this.ended) fn();
    else this.endListeners.push(fn);
  }

  /** Bytes received and not yet read (a partial message, or anything unexpected). */
  get buffered(): number {
    return this.buf.length;
  }

  listen(fn: ((messages: Buffer[]) => void) | undefined): void {
    this.listener = fn;
    if (fn && this.buf.length) this.push(Buffer.alloc(0));
  }

  /** From now on hands over bytes as they come, unframed: what is buffered first. */
  raw(fn: (chunk: Buffer) => void): void {
    this.rawListener = fn;
    const rest = this.buf;
    this.buf = Buffer.alloc(0);
    if (rest.length) fn(rest);
  }

  /** The next typed message (type byte included), or the next startup-phase packet. */
  async next(opts: { startup?: boolean; timeoutMs?: number } = {}): Promise<Buffer> {
    const deadline = opts.timeoutMs === undefined ? undefined : Date.now() + opts.timeoutMs;
    for (;;) {
      const m = this.take(opts.startup ? 0 : 1);
      if (m) return m;
      if (this.ended) throw new Error("connection closed");
      const left = deadline === undefined ? undefined : deadline - Date.now();
      if (left !== undefined && left <= 0) throw new Error("timed out");
      await new Promise<void>((resolve) => {
        const timer = left === undefined ? undefined : setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private notify() {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** One whole frame; `typeBytes` is 1 for typed messages, 0 for startup-phase packets. */
  private take(typeBytes: 0 | 1): Buffer | undefined {
    if (this.buf.length < typeBytes + 4) return undefined;
    const size = typeBytes + this.buf.readInt32BE(typeBytes);
    if (this.buf.length < size) return undefined;
    const m = this.buf.subarray(0, size);
    this.buf = this.buf.subarray(size);
    return m;
  }
}
