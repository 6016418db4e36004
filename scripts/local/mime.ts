/**
 * Just enough MIME decoding for the local SMTP sink to show (and tests to assert on) what the
 * Worker sent: unfolded headers, RFC 2047 encoded words, multipart bodies, quoted-printable and
 * base64 parts. Not a general mail parser: it reads the messages nodemailer writes.
 */
export interface ParsedMail {
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
}

function splitHead(raw: string): { head: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return { head: raw, body: "" };
  const sep = raw.slice(at).startsWith("\r\n\r\n") ? 4 : 2;
  return { head: raw.slice(0, at), body: raw.slice(at + sep) };
}

function parseHeaders(head: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

function decodeQp(text: string): Buffer {
  const bytes: number[] = [];
  const src = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < src.length; i++) {
    const hex = src.slice(i + 1, i + 3);
    if (src[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(src[i] as string, "utf8"));
  }
  return Buffer.from(bytes);
}

/** `=?UTF-8?Q?...?=` / `=?UTF-8?B?...?=` words of a header value. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _cs, enc: string, data: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeQp(data.replace(/_/g, " ")).toString("utf8"),
    );
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? "").toLowerCase();
  if (enc === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (enc === "quoted-printable") return decodeQp(body).toString("utf8");
  return body;
}

function walk(raw: string, into: { text: string; html: string }): Record<string, string> {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  const type = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith("--")) break;
      walk(part.replace(/^\r?\n/, ""), into);
    }
  } else if (/^text\/html/i.test(type)) into.html ||= decodeBody(body, headers["content-transfer-encoding"]);
  else if (/^text\/plain/i.test(type)) into.text ||= decodeBody(body, headers["content-transfer-encoding"]);
  return headers;
}

export function parseMail(raw: string): ParsedMail {
  const parts = { text: "", html: "" };
  const headers = walk(raw, parts);
  return { headers, subject: decodeWords(headers.subject ?? ""), text: parts.text, html: parts.html };
}
