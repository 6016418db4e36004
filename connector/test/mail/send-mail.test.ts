import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Command, Result } from "../../../src/protocol/index.ts";
import { type FakeCloud, startFakeCloud, until } from "../support/cloud.ts";
import { CONNECTOR_ID, CREDENTIAL, SECRET, tempDir } from "../support/connector.ts";
import { makeTestPki, startTestSmtpServer, type TestPki, type TestSmtpServer } from "../support/smtp.ts";

/**
 * `sendMail` end to end on the connector's side: the real connector program (a child process, so
 * `NODE_EXTRA_CA_CERTS` applies as it does for an operator) gets the command over its WebSocket and
 * relays the email with nodemailer to a real SMTP server that requires STARTTLS (a throwaway CA made
 * by `openssl`) and checks AUTH.
 */

const ROOT = join(import.meta.dirname, "..", "..", "..");
/** Node ≥ 22.18 from the `node` devDependency: it runs the connector's TypeScript directly. */
const NODE = join(ROOT, "node_modules", ".bin", "node");
const BIN = join(ROOT, "connector", "bin", "rtrwnet-connector.js");
const USER = "billing@isp.test";
const PASSWORD = "smtp-rahasia-123";

let pki: TestPki;
let smtp: TestSmtpServer;
const children: ChildProcess[] = [];

beforeAll(async () => {
  pki = makeTestPki();
  smtp = await startTestSmtpServer(pki, USER, PASSWORD);
});
afterAll(async () => {
  await smtp?.close();
  pki?.remove();
});
afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    c.kill("SIGKILL");
    await new Promise((r) => c.once("exit", r));
  }
});

async function connectorProcess(
  cloud: FakeCloud,
  stateDir: string,
  trustCa = true,
  args: string[] = [],
  stderr?: string[],
) {
  const hellos = cloud.received.filter((m) => m.type === "hello").length;
  const env: NodeJS.ProcessEnv = { ...process.env, RTRW_LOG_LEVEL: "warn" };
  if (trustCa) env.NODE_EXTRA_CA_CERTS = pki.caFile;
  else delete env.NODE_EXTRA_CA_CERTS;
  const child = spawn(NODE, [BIN, "--server", cloud.url, "--token", CREDENTIAL, "--state-dir", stateDir, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
    env,
  });
  if (stderr) child.stderr?.on("data", (d: Buffer) => stderr.push(d.toString()));
  else child.stderr?.resume();
  children.push(child);
  await until(() => cloud.received.filter((m) => m.type === "hello").length > hellos, 15_000, "the connector's hello");
  return child;
}

async function setup(trustCa = true, args: string[] = []) {
  const cloud = await startFakeCloud({
    credentials: { [CONNECTOR_ID]: SECRET },
    onConnect: (send) => send({ type: "config", routers: [], pollIntervalMs: 3_600_000 }),
  });
  const stateDir = await tempDir();
  const stderr: string[] = [];
  const child = await connectorProcess(cloud, stateDir, trustCa, args, stderr);
  return { cloud, stateDir, child, stderr };
}

function sendMailCommand(id: string, password = PASSWORD, subject = "Tagihan baru INV-0001"): Command {
  return {
    type: "command",
    id,
    idempotencyKey: id,
    deadline: new Date(Date.now() + 60_000).toISOString(),
    op: "sendMail",
    args: {
      transport: { host: "127.0.0.1", port: smtp.port, secure: "starttls", username: USER, password },
      mail: {
        from: { name: "Warung Net", address: "billing@isp.test" },
        to: "siti@pelanggan.test",
        subject,
        text: "Tagihan Anda Rp 175.000",
        html: "<p>Tagihan Anda <b>Rp 175.000</b></p>",
        headers: { "X-Notification-Id": id },
      },
    },
  };
}

const results = (cloud: FakeCloud, id: string) =>
  cloud.received.filter((m): m is Result => m.type === "result" && m.commandId === id);
const mailsWith = (id: string) => smtp.received.filter((m) => m.raw.includes(`X-Notification-ID: ${id}`));

describe("sendMail through the connector program", () => {
  it("relays over STARTTLS with AUTH, and a resent command (also after a restart) sends nothing twice", async () => {
    const { cloud, stateDir, child } = await setup();
    const id = crypto.randomUUID();
    cloud.send(sendMailCommand(id));
    await until(() => results(cloud, id).length === 1, 15_000, "the sendMail result");
    const [first] = results(cloud, id);
    expect(first).toMatchObject({ ok: true, data: { response: expect.stringMatching(/^250 /) } });
    expect((first?.data as { messageId?: string } | undefined)?.messageId).toMatch(/^<.+@.+>$/);

    const [mail, ...more] = mailsWith(id);
    expect(more).toHaveLength(0);
    expect(mail).toMatchObject({ from: "billing@isp.test", to: ["siti@pelanggan.test"], user: USER, secure: true });
    expect(mail?.raw).toMatch(/^Subject: Tagihan baru INV-0001\r?$/m);
    expect(mail?.raw).toMatch(/^From: Warung Net <billing@isp\.test>\r?$/m);

    // The gateway resends a command whose result it did not get: answered from memory.
    cloud.send(sendMailCommand(id));
    await until(() => results(cloud, id).length === 2, 15_000, "the resent command's result");
    expect(results(cloud, id)[1]).toEqual(first);

    // A restarted connector (same state directory) still remembers it.
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await connectorProcess(cloud, stateDir);
    cloud.send(sendMailCommand(id));
    await until(() => results(cloud, id).length === 3, 15_000, "the result after a restart");
    expect(results(cloud, id)[2]).toEqual(first);
    expect(mailsWith(id)).toHaveLength(1);
  });

  it("answers a wrong password with the server's reply, and sends nothing", async () => {
    const { cloud } = await setup();
    const id = crypto.randomUUID();
    cloud.send(sendMailCommand(id, "wrong-password"));
    await until(() => results(cloud, id).length === 1, 15_000, "the sendMail result");
    expect(results(cloud, id)[0]).toMatchObject({
      ok: false,
      error: { code: "auth", message: expect.stringContaining("535"), retryable: false },
    });
    expect(results(cloud, id)[0]?.error?.message).not.toContain("wrong-password");
    expect(smtp.authAttempts).toContain(USER);
    expect(mailsWith(id)).toHaveLength(0);
  });

  it("refuses a server certificate from a CA the connector was not told to trust", async () => {
    const { cloud } = await setup(false);
    const id = crypto.randomUUID();
    cloud.send(sendMailCommand(id));
    await until(() => results(cloud, id).length === 1, 15_000, "the sendMail result");
    expect(results(cloud, id)[0]).toMatchObject({ ok: false, error: { code: "connection", retryable: false } });
    expect(results(cloud, id)[0]?.error?.message).toMatch(/certificate/i);
    expect(mailsWith(id)).toHaveLength(0);
  });

  it("with an allow-list, a mail server outside it is refused without connecting (logged, not_allowed); inside relays", async () => {
    const outside = await setup(true, ["--allow-networks", "10.0.0.0/8,192.168.0.0/16"]);
    const id = crypto.randomUUID();
    const connections = smtp.authAttempts.length;
    outside.cloud.send(sendMailCommand(id));
    await until(() => results(outside.cloud, id).length === 1, 15_000, "the sendMail result");
    expect(results(outside.cloud, id)[0]).toMatchObject({
      ok: false,
      error: { code: "not_allowed", retryable: false, message: expect.stringContaining("127.0.0.1 is outside") },
    });
    expect(smtp.authAttempts).toHaveLength(connections);
    expect(mailsWith(id)).toHaveLength(0);
    await until(() => outside.stderr.join("").includes("not_allowed"), 5_000, "the logged refusal");
    expect(outside.stderr.join("")).toMatch(/"msg":"command failed".*10\.0\.0\.0\/8, 192\.168\.0\.0\/16/);

    const inside = await setup(true, ["--allow-networks", "127.0.0.0/8"]);
    const ok = crypto.randomUUID();
    inside.cloud.send(sendMailCommand(ok));
    await until(() => results(inside.cloud, ok).length === 1, 15_000, "the sendMail result");
    expect(results(inside.cloud, ok)[0]).toMatchObject({ ok: true });
    expect(mailsWith(ok)).toHaveLength(1);
  });
});
