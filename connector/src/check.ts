import { credentialToken, parseConnectorToken, type RouterConfig } from "../../src/protocol/index.ts";
import { probeApi, probeCloud } from "./check-probes.ts";
import { connectUrl, insecureServerReason } from "./config.ts";
import { listManaged } from "./ops/list-managed.ts";
import { testRouter } from "./ops/test-router.ts";
import { RouterOsError } from "./routeros/errors.ts";
import { RouterSession } from "./routeros/session.ts";
import { StateDir } from "./state-dir.ts";

/**
 * `--check`: a readable diagnosis, so an operator can fix "cannot connect" without guessing. For the
 * cloud link and then for every router: TCP reachable, API service answering, login accepted,
 * RouterOS version and identity, our profiles and the pools they use present. Exit code 0 when
 * everything is fine, 1 otherwise.
 */
export interface CheckOptions {
  server: string;
  token?: string;
  stateDir: string;
  out: (line: string) => void;
  timeoutMs?: number;
}

type Mark = "ok" | "FAIL" | "warn" | "info";

export async function runCheck(o: CheckOptions): Promise<number> {
  const timeoutMs = o.timeoutMs ?? 5_000;
  let failures = 0;
  const say = (mark: Mark, what: string, detail = "") => {
    if (mark === "FAIL") failures++;
    o.out(`  [${mark.padEnd(4)}] ${what}${detail ? ` — ${detail}` : ""}`);
  };

  o.out(`State directory ${o.stateDir}`);
  const state = await StateDir.open(o.stateDir).catch((e: unknown) => {
    say("FAIL", "cannot create or open it", e instanceof Error ? e.message : String(e));
    return undefined;
  });
  const stored = await state?.readCredentials();
  const given = o.token === undefined ? undefined : parseConnectorToken(o.token);
  const credential =
    given?.kind === "credential" ? given : stored ? ({ kind: "credential", ...stored } as const) : undefined;
  if (credential) say("ok", `enrolled as connector ${credential.connectorId}`);
  else if (given?.kind === "enrollment")
    say("warn", "not enrolled yet", "run without --check once to enroll with this token");
  else say("FAIL", "no credential", "pass --token with the enrollment token from the dashboard");

  o.out(`Cloud ${connectUrl(o.server)}`);
  let config = await state?.readRouterConfig();
  const insecure = insecureServerReason(o.server);
  if (insecure) say("FAIL", "refused: plain ws:// to another machine", insecure);
  else if (credential) {
    const cloud = await probeCloud(
      connectUrl(o.server),
      credentialToken(credential.connectorId, credential.secret),
      timeoutMs,
    );
    if (cloud.ok) {
      say("ok", "connected and authenticated");
      if (cloud.config) config = cloud.config;
    } else say("FAIL", "cannot connect", cloud.reason);
  } else say("info", "skipped (no credential)");

  if (!config || config.routers.length === 0) {
    o.out("Routers");
    say("warn", "no routers configured yet", "add routers to this connector in the dashboard");
  }
  for (const router of config?.routers ?? []) {
    o.out(`Router ${router.routerId} at ${router.host}:${router.port}${router.tls ? " (api-ssl)" : ""}`);
    await checkRouter(router, timeoutMs, say);
  }
  o.out(failures === 0 ? "All checks passed." : `${failures} check(s) failed.`);
  return failures === 0 ? 0 : 1;
}

type Say = (mark: Mark, what: string, detail?: string) => void;

async function checkRouter(r: RouterConfig, timeoutMs: number, say: Say): Promise<void> {
  const probe = await probeApi(r, timeoutMs);
  if (probe.stage === "tcp") {
    say(
      "FAIL",
      "TCP connection",
      `${probe.reason} — is the address right, and is the router reachable from this machine?`,
    );
    return;
  }
  say("ok", "TCP connection");
  if (probe.stage === "api") {
    say(
      "FAIL",
      "API service",
      `${probe.reason} — enable it with /ip service enable ${r.tls ? "api-ssl" : "api"}, and allow this machine's address in its available-from`,
    );
    return;
  }
  say("ok", "API service answers");
  if (probe.legacyLogin) say("info", "pre-6.43 challenge login", "RouterOS older than 6.43; consider upgrading");
  const session = new RouterSession(r, {
    connectTimeoutMs: timeoutMs,
    callTimeoutMs: timeoutMs,
    reconnectBaseMs: 0,
    reconnectCapMs: 0,
  });
  try {
    const info = await testRouter(session);
    say("ok", "login", `as ${r.username}`);
    say("ok", "RouterOS", `${info.version}, identity "${info.identity}"${info.boardName ? `, ${info.boardName}` : ""}`);
    const managed = await listManaged(session);
    const profiles = await session.call(["/ppp/profile/print", "=.proplist=name,remote-address,comment"]);
    const pools = new Set((await session.call(["/ip/pool/print", "=.proplist=name"])).map((p) => p.name));
    const ours = profiles.filter((p) => p.comment?.startsWith("rtrw:"));
    if (ours.length === 0) say("warn", "our PPP profiles", "none yet (they appear when plans are synced)");
    else say("ok", "our PPP profiles", ours.map((p) => p.name).join(", "));
    const missing = [
      ...new Set(
        ours
          .map((p) => p["remote-address"] ?? "")
          .filter((a) => a !== "" && !/^\d+\.\d+\.\d+\.\d+$/.test(a) && !pools.has(a)),
      ),
    ];
    if (missing.length > 0) say("FAIL", "IP pools used by our profiles", `missing: ${missing.join(", ")}`);
    else if (ours.some((p) => p["remote-address"])) say("ok", "IP pools used by our profiles", "present");
    say("info", "our PPPoE secrets", String(managed.secrets.length));
  } catch (e) {
    if (e instanceof RouterOsError && e.kind === "auth") {
      say(
        "FAIL",
        "login",
        `${e.message} — check the username/password in the dashboard, and that the user's group has the "api" policy`,
      );
    } else say("FAIL", "API session", e instanceof Error ? e.message : String(e));
  } finally {
    session.close();
  }
}
