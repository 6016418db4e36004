/**
 * SCRAM-SHA-256 (RFC 5802 / RFC 7677) as Postgres uses it, both sides: the local pooler proves its
 * clients' passwords itself (server side) and logs in to Postgres with the same known password
 * (client side). No channel binding: the local proxy speaks plain TCP/WebSocket.
 * https://www.postgresql.org/docs/current/sasl-authentication.html
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";

export const MECHANISM = "SCRAM-SHA-256";

const hmac = (key: Buffer, data: string) => createHmac("sha256", key).update(data).digest();
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest();
const xor = (a: Buffer, b: Buffer) => Buffer.from(a.map((x, i) => x ^ (b[i] ?? 0)));
const nonce = () => randomBytes(18).toString("base64");

function attributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(",")) {
    const i = part.indexOf("=");
    if (i > 0) out.set(part.slice(0, i), part.slice(i + 1));
  }
  return out;
}

/** The keys derived from a password; the server side keeps these per login, never the password. */
export interface ScramKeys {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

const saltedPassword = (password: string, salt: Buffer, iterations: number) =>
  pbkdf2Sync(password.normalize("NFKC"), salt, iterations, 32, "sha256");

export function scramKeys(password: string, salt: Buffer, iterations: number): ScramKeys {
  const salted = saltedPassword(password, salt, iterations);
  return { salt, iterations, storedKey: sha256(hmac(salted, "Client Key")), serverKey: hmac(salted, "Server Key") };
}

/** Server side, step 1: the client-first-message in, the server-first-message out. */
export function serverFirst(keys: ScramKeys, clientFirst: string) {
  const gs2 = /^([ny]),,/.exec(clientFirst);
  if (!gs2) throw new Error("SCRAM: unsupported GS2 header (channel binding is not offered)");
  const clientFirstBare = clientFirst.slice(gs2[0].length);
  const clientNonce = attributes(clientFirstBare).get("r");
  if (!clientNonce) throw new Error("SCRAM: client nonce missing");
  const serverNonce = clientNonce + nonce();
  const message = `r=${serverNonce},s=${keys.salt.toString("base64")},i=${keys.iterations}`;
  return { message, state: { gs2Header: gs2[0], clientFirstBare, serverNonce, serverFirst: message } };
}

/**
 * Server side, step 2: checks the client's proof; the server-final-message out, or `undefined` when
 * the proof (the password) is wrong.
 */
export function serverFinal(
  keys: ScramKeys,
  state: ReturnType<typeof serverFirst>["state"],
  clientFinal: string,
): string | undefined {
  const at = clientFinal.lastIndexOf(",p=");
  if (at < 0) return undefined;
  const withoutProof = clientFinal.slice(0, at);
  const proof = Buffer.from(clientFinal.slice(at + 3), "base64");
  const attrs = attributes(withoutProof);
  if (attrs.get("c") !== Buffer.from(state.gs2Header).toString("base64")) return undefined;
  if (attrs.get("r") !== state.serverNonce) return undefined;
  const authMessage = `${state.clientFirstBare},${state.serverFirst},${withoutProof}`;
  const signature = hmac(keys.storedKey, authMessage);
  if (proof.length !== signature.length) return undefined;
  const clientKey = xor(proof, signature);
  if (!timingSafeEqual(sha256(clientKey), keys.storedKey)) return undefined;
  return `v=${hmac(keys.serverKey, authMessage).toString("base64")}`;
}

/** Client side: the exchange as three steps around the server's two messages. */
export function scramClient(password: string) {
  const clientNonce = nonce();
  const clientFirstBare = `n=*,r=${clientNonce}`;
  let expected: string | undefined;
  return {
    first: `n,,${clientFirstBare}`,
    final(serverFirstMessage: string): string {
      const a = attributes(serverFirstMessage);
      const r = a.get("r") ?? "";
      if (!r.startsWith(clientNonce) || r === clientNonce) throw new Error("SCRAM: bad server nonce");
      const salted = saltedPassword(password, Buffer.from(a.get("s") ?? "", "base64"), Number(a.get("i")));
      const serverKey = hmac(salted, "Server Key");
      const withoutProof = `c=biws,r=${r}`;
      const authMessage = `${clientFirstBare},${serverFirstMessage},${withoutProof}`;
      const clientKey = hmac(salted, "Client Key");
      expected = `v=${hmac(serverKey, authMessage).toString("base64")}`;
      return `${withoutProof},p=${xor(clientKey, hmac(sha256(clientKey), authMessage)).toString("base64")}`;
    },
    verify(serverFinalMessage: string): void {
      if (serverFinalMessage !== expected) throw new Error("SCRAM: server signature mismatch");
    },
  };
}
