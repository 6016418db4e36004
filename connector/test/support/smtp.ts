import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";

/** A throwaway CA and a server certificate it signed, for 127.0.0.1 (made with the `openssl` CLI). */
export interface TestPki {
  dir: string;
  caFile: string;
  key: Buffer;
  cert: Buffer;
  remove(): void;
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), "rtrw-pki-"));
  const at = (f: string) => join(dir, f);
  const ossl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  ossl("req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=RTRW Test CA");
  ossl("req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
  writeFileSync(at("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  ossl(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "1",
    "-extfile",
    "server.ext",
  );
  return {
    dir,
    caFile: at("ca.pem"),
    key: readFileSync(at("server.key")),
    cert: readFileSync(at("server.pem")),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The AUTH user the server accepted. */
  user: string | undefined;
  /** The session was upgraded with STARTTLS before the message. */
  secure: boolean;
  raw: string;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  authAttempts: string[];
  close(): Promise<void>;
}

/**
 * An `smtp-server` that offers STARTTLS with the PKI's certificate, accepts AUTH only after it
 * (the package's default) and only for `user`/`password`, and refuses MAIL FROM on a plain session.
 */
export async function startTestSmtpServer(pki: TestPki, user: string, password: string): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const authAttempts: string[] = [];
  const server = new SMTPServer({
    key: pki.key,
    cert: pki.cert,
    disableReverseLookup: true,
    logger: false,
    onAuth: (auth, _session, cb) => {
      authAttempts.push(auth.username ?? "");
      if (auth.username === user && auth.password === password) return cb(null, { user });
      cb(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onMailFrom: (_address, session, cb) => {
      if (!session.secure)
        return cb(Object.assign(new Error("Must issue a STARTTLS command first"), { responseCode: 530 }));
      cb();
    },
    onData: (stream, session, cb) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === "string" ? session.user : undefined,
          secure: session.secure,
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        cb(null, `Queued as ${received.length}`);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { port, received, authAttempts, close: () => new Promise((r) => server.close(() => r())) };
}
