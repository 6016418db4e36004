import type { Socket } from "node:net";
import type { RouterOSAPI } from "node-routeros";
import { type DecodedSentence, SentenceDecoder, WORD_ENCODING } from "./wire.ts";

/**
 * What we reach inside node-routeros 1.6.9 (pinned exactly in package.json), and why.
 *
 * 1. `!empty` (RouterOS >= 7.18 answers a `print` that found nothing with `!empty` then `!done`):
 *    `Channel.processPacket` (dist/Channel.js) sends any reply word other than `!re`/`!done`/`!trap`
 *    to its `default:` branch, which emits `unknown`, whose listener `onUnknown` throws
 *    `RosException('UNKNOWNREPLY')`. That throw happens inside the socket's `data` handler
 *    (`Connector.onData` → `Receiver.processRawData` → `processSentence` → `sendTagData` →
 *    `tag.callback`), so nothing can catch it: it is an uncaught exception that kills the process.
 * 2. Partial frames: `Receiver.processRawData` (dist/connector/Receiver.js) decides that a reply is
 *    complete from where the TCP chunk happens to end (its `hadMore` flag), and it drops the empty
 *    terminator word. When a chunk ends right after a sentence's last word but before its
 *    terminator, the sentence is not delivered until some later reply arrives.
 * 3. In-flight calls on a dropped connection: `Channel` only settles on `!done`/`!trap`, so a call
 *    whose connection closes never settles. The adapter needs the socket to notice the close.
 *
 * What we do, per connection (no prototype is patched; other users of the library are unaffected):
 * we replace the `processRawData` method on that connection's `Receiver` instance with a wrapper
 * that runs our own incremental decoder (`SentenceDecoder`) over the raw bytes, drops `!empty`
 * sentences (the `!done` that follows still resolves the call, with no rows), and hands the
 * original method only whole sentences, all of them in one buffer that ends exactly at a
 * terminator — the one shape it parses correctly. If it still throws (another unknown reply word,
 * an unregistered tag), the wrapper catches it and reports a protocol error, and the session
 * destroys that connection, which rejects its calls: a confused connection is reset, the process
 * lives. `Connector.onData` calls `this.receiver.processRawData(data)` through the instance on every
 * chunk, so the instance property takes effect from the first byte.
 */
interface ReceiverLike {
  processRawData(data: Buffer): void;
}
interface ConnectorLike {
  socket: Socket;
  receiver: ReceiverLike;
}
interface ApiInternals {
  connector?: ConnectorLike;
  keptaliveby?: NodeJS.Timeout;
  connectionHoldInterval?: NodeJS.Timeout;
}

/** The socket and receiver `RouterOSAPI.connect()` just created (synchronously), checked at run time. */
export function connectionInternals(api: RouterOSAPI): ConnectorLike {
  const connector = (api as unknown as ApiInternals).connector;
  if (!connector?.socket || typeof connector.receiver?.processRawData !== "function") {
    throw new Error("node-routeros internals changed: expected connector.socket and connector.receiver (1.6.9)");
  }
  return connector;
}

/** Stops node-routeros' own timers (keepalive, connection hold) of a connection we are abandoning. */
export function stopApiTimers(api: RouterOSAPI): void {
  const internals = api as unknown as ApiInternals;
  // `keepaliveBy` reschedules itself unless `closing` is set.
  api.closing = true;
  clearTimeout(internals.keptaliveby);
  clearTimeout(internals.connectionHoldInterval);
}

const EMPTY_REPLY = Buffer.from("!empty", WORD_ENCODING);

function isEmptyReply(s: DecodedSentence): boolean {
  return s.words[0]?.equals(EMPTY_REPLY) ?? false;
}

/** Installs the wrapper described above on one connection's receiver. */
export function guardReceiver(receiver: ReceiverLike, onProtocolError: (e: unknown) => void): void {
  const original = receiver.processRawData.bind(receiver);
  const decoder = new SentenceDecoder();
  let broken = false;
  receiver.processRawData = (data: Buffer) => {
    if (broken) return;
    try {
      const whole = decoder.push(data).filter((s) => !isEmptyReply(s));
      if (whole.length > 0) original(Buffer.concat(whole.map((s) => s.bytes)));
    } catch (e) {
      broken = true;
      onProtocolError(e);
    }
  };
}
