import type { Op, OpResult } from "../../protocol";
import type { ProfileArgs } from "../provisioning/profile";

/**
 * Pure: what a router should hold (from the database) against what it holds (`listManaged`), as a
 * list of drift items, and the declarative ops that remove each.
 */

export interface DesiredSecret {
  customerId: string;
  /** The customer's version, so a fix reports its provisioning state like any other change. */
  version: string;
  name: string;
  password: string;
  profile: string;
  disabled: boolean;
}

export interface Desired {
  secrets: DesiredSecret[];
  profiles: ProfileArgs[];
}

export type Actual = OpResult<"listManaged">;

export const DRIFT_KINDS = [
  "missing_secret",
  "secret_profile",
  "secret_disabled",
  "secret_password",
  "secret_owner",
  "orphan_secret",
  "missing_profile",
  "profile_rate_limit",
  "suspended_online",
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface Drift {
  kind: DriftKind;
  /** The RouterOS object's name (secret = PPPoE username, or profile). */
  name: string;
  customerId: string | null;
  expected: string | null;
  actual: string | null;
}

const item = (kind: DriftKind, name: string, customerId: string | null, expected: unknown, actual: unknown): Drift => ({
  kind,
  name,
  customerId,
  expected: expected === null || expected === undefined ? null : String(expected),
  actual: actual === null || actual === undefined ? null : String(actual),
});

/**
 * Drift, in a stable order (by kind as listed, then name). `online` names suspended customers with a
 * live session. A password is compared only when the router showed it (`secret_password` never
 * carries it: expected and actual are null). A managed profile no customer here uses is not drift
 * (see `idleProfiles`): a plan that empties on a router leaves its profile, harmless and ready.
 */
export function diffRouter(desired: Desired, actual: Actual, online: ReadonlySet<string> = new Set()): Drift[] {
  const out: Drift[] = [];
  const have = new Map(actual.secrets.map((s) => [s.name, s]));
  const want = new Map(desired.secrets.map((s) => [s.name, s]));
  for (const d of desired.secrets) {
    const a = have.get(d.name);
    if (!a) out.push(item("missing_secret", d.name, d.customerId, d.profile, null));
    else {
      if (a.customerId !== d.customerId)
        out.push(item("secret_owner", d.name, d.customerId, d.customerId, a.customerId));
      if (a.profile !== d.profile) out.push(item("secret_profile", d.name, d.customerId, d.profile, a.profile));
      if (a.disabled !== d.disabled) out.push(item("secret_disabled", d.name, d.customerId, d.disabled, a.disabled));
      if (a.password !== undefined && a.password !== d.password)
        out.push(item("secret_password", d.name, d.customerId, null, null));
    }
    if (d.disabled && online.has(d.name)) out.push(item("suspended_online", d.name, d.customerId, "offline", "online"));
  }
  for (const a of actual.secrets) {
    if (!want.has(a.name)) out.push(item("orphan_secret", a.name, a.customerId, null, a.profile));
  }
  const haveProfiles = new Map(actual.profiles.map((p) => [p.name, p]));
  for (const p of desired.profiles) {
    const a = haveProfiles.get(p.name);
    if (!a) out.push(item("missing_profile", p.name, null, p.rateLimit, null));
    else if (a.rateLimit !== p.rateLimit) out.push(item("profile_rate_limit", p.name, null, p.rateLimit, a.rateLimit));
  }
  const rank = (k: DriftKind) => DRIFT_KINDS.indexOf(k);
  return out.sort((x, y) => rank(x.kind) - rank(y.kind) || x.name.localeCompare(y.name));
}

/**
 * Our profiles on the router that no customer on it uses now (their plan emptied here, or is gone):
 * "idle", not drift. They are kept — unused they cost nothing, the plan may fill again, and an
 * operator may have pointed a hand-made secret at one — and listed in the report's notes.
 */
export function idleProfiles(desired: Desired, actual: Actual): string[] {
  const want = new Set(desired.profiles.map((p) => p.name));
  return actual.profiles
    .map((p) => p.name)
    .filter((n) => !want.has(n))
    .sort();
}

export interface FixOp {
  op: Op;
  /** The customer whose provisioning state the op reports on, if any. */
  customer: { id: string; version: string } | null;
  kickOnChange?: boolean;
}

/**
 * The ops that remove the drift: profiles first (secrets refer to them), then each drifted secret
 * ensured whole (kicked if its profile changed or it got disabled), orphans removed, suspended
 * customers' sessions dropped (a password set by hand is set back; the session stays up).
 */
export function fixOps(drift: readonly Drift[], desired: Desired): FixOp[] {
  const ops: FixOp[] = [];
  const profiles = new Map(desired.profiles.map((p) => [p.name, p]));
  const secrets = new Map(desired.secrets.map((s) => [s.name, s]));
  const profileNames = new Set<string>();
  const secretNames = new Set<string>();
  for (const d of drift) {
    if (d.kind === "missing_profile" || d.kind === "profile_rate_limit") profileNames.add(d.name);
    if (["missing_secret", "secret_profile", "secret_disabled", "secret_password", "secret_owner"].includes(d.kind)) {
      secretNames.add(d.name);
      const s = secrets.get(d.name);
      if (s) profileNames.add(s.profile);
    }
  }
  for (const name of [...profileNames].sort()) {
    const args = profiles.get(name);
    if (args) ops.push({ op: { op: "ensureProfile", args }, customer: null });
  }
  for (const name of [...secretNames].sort()) {
    const s = secrets.get(name);
    if (!s) continue;
    const args = {
      name,
      password: s.password,
      profile: s.profile,
      service: "pppoe" as const,
      comment: s.customerId,
      disabled: s.disabled,
    };
    ops.push({
      op: { op: "ensureSecret", args },
      customer: { id: s.customerId, version: s.version },
      kickOnChange: true,
    });
  }
  for (const d of drift) {
    if (d.kind === "orphan_secret") {
      ops.push({ op: { op: "ensureAbsent", args: { path: "/ppp/secret", name: d.name } }, customer: null });
      ops.push({ op: { op: "kickSession", args: { name: d.name } }, customer: null });
    }
    if (d.kind === "suspended_online" && !secretNames.has(d.name)) {
      ops.push({ op: { op: "kickSession", args: { name: d.name } }, customer: null });
    }
  }
  return ops;
}
