/**
 * A local mail server that keeps what it receives (the `smtp-server` package), plus a tiny HTTP view
 * of it: `npm start` points the Worker's platform SMTP here, and the vitest global setup does the
 * same so workerd tests can read the mail back over HTTP (they cannot read Node's memory).
 *
 * - SMTP on `smtpPort`: no TLS (STARTTLS is hidden: workerd would refuse the self-signed
 *   certificate), any AUTH accepted. A recipient whose local part starts with `reject-<code>`
 *   (e.g. `reject-451-x@example.test`) is refused with that reply code, to test retries. A sender
 *   whose local part starts with `stall` never gets an answer to MAIL FROM: a stalling server, to
 *   test the mailer's deadlines.
 * - HTTP on `webPort`: `GET /messages[?to=addr]` (JSON, oldest first), `DELETE /messages`,
 *   `GET /` (a list for people), `GET /messages/<id>.html` (the HTML part).
 */
import { createServer, type Server } from "node:http";
import { SMTPServer } from "smtp-server";
import { type ParsedMail, parseMail } from "./mime.ts";

export interface SinkMessage extends ParsedMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
}

export interface SmtpSink {
  messages: SinkMessage[];
  stop(): Promise<void>;
}

const KEEP = 1000;

export async function startSmtpSink(opts: { smtpPort: number; webPort: number; host?: string }): Promise<SmtpSink> {
  const host = opts.host ?? "127.0.0.1";
  const messages: SinkMessage[] = [];
  let nextId = 1;
  const smtp = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    // A reverse DNS lookup of 127.0.0.1 per connection costs ~100 ms here and tells us nothing.
    disableReverseLookup: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth: (auth, _session, cb) => cb(null, { user: auth.username ?? "anonymous" }),
    onMailFrom: (address, _session, cb) => {
      // Never answered: the client gives up (its deadline) and closes the connection.
      if (/^stall/i.test(address.address)) return;
      cb();
    },
    onRcptTo: (address, _session, cb) => {
      const code = /^reject-(\d{3})/i.exec(address.address)?.[1];
      if (!code) return cb();
      const err: Error & { responseCode?: number } = new Error(`Recipient refused by test rule (${code})`);
      err.responseCode = Number(code);
      cb(err);
    },
    onData: (stream, session, cb) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const parsed = parseMail(Buffer.concat(chunks).toString("utf8"));
        messages.push({
          id: nextId++,
          receivedAt: new Date().toISOString(),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          ...parsed,
        });
        if (messages.length > KEEP) messages.splice(0, messages.length - KEEP);
        cb(null, `Queued as ${nextId - 1}`);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(opts.smtpPort, host, () => resolve());
  });
  smtp.on("error", (err) => console.error(`smtp sink: ${err.message}`));

  const web = createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${host}`);
    if (url.pathname === "/messages" && req.method === "DELETE") {
      messages.length = 0;
      res.writeHead(204).end();
    } else if (url.pathname === "/messages") {
      const to = url.searchParams.get("to")?.toLowerCase();
      const list = to ? messages.filter((m) => m.to.some((a) => a.toLowerCase() === to)) : messages;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(list));
    } else if (/^\/messages\/\d+\.html$/.test(url.pathname)) {
      const m = messages.find((x) => x.id === Number(/\d+/.exec(url.pathname)?.[0]));
      if (!m) return void res.writeHead(404).end("no such message");
      // The sandboxing CSP keeps a hostile test email from running anything in the viewer's browser.
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": "sandbox" });
      res.end(m.html || `<pre>${escapeText(m.text)}</pre>`);
    } else if (url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(listPage(messages));
    } else res.writeHead(404).end("not found");
  });
  await new Promise<void>((resolve, reject) => {
    web.once("error", reject);
    web.listen(opts.webPort, host, () => resolve());
  });

  return {
    messages,
    stop: async () => {
      await Promise.all([new Promise<void>((r) => smtp.close(() => r())), closeHttp(web)]);
    },
  };
}

function closeHttp(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((r) => server.close(() => r()));
}

function escapeText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function listPage(messages: SinkMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${escapeText(m.receivedAt)}</td><td>${escapeText(m.to.join(", "))}</td>` +
        `<td><a href="/messages/${m.id}.html">${escapeText(m.subject || "(no subject)")}</a></td></tr>`,
    )
    .join("");
  return `<!doctype html><meta charset="utf-8"><title>Local mail</title>
<h1>Local mail (${messages.length})</h1><p>JSON: <a href="/messages">/messages</a></p>
<table border="1" cellpadding="4"><tr><th>Received</th><th>To</th><th>Subject</th></tr>${rows}</table>`;
}
