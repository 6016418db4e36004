import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { RouterOp as Op } from "../../../src/protocol/index.ts";
import { type RouterOsSim, type SimRow, startRouterOsSim } from "../../sim/index.ts";
import { runOp } from "../../src/ops/index.ts";
import { RouterSession } from "../../src/routeros/session.ts";
import { ADMIN, FAST } from "../support/sim.ts";

let s: RouterOsSim;
let r: RouterSession;
beforeAll(async () => {
  s = await startRouterOsSim({ mode: "7.18", users: [ADMIN] });
  r = new RouterSession({ host: s.host, port: s.port, username: ADMIN.name, password: ADMIN.password }, FAST);
});
afterAll(async () => {
  r.close();
  await s.close();
});

const SECRET_NAMES = ["ani", "budi", "citra"];
const PROFILE_NAMES = ["p1", "p2"];
const secretName = fc.constantFrom(...SECRET_NAMES);
const profileName = fc.constantFrom(...PROFILE_NAMES);
const customer = fc.constantFrom("c1", "c2");
const rateLimit = fc.constantFrom("1M/1M", "2M/2M", "5M/10M");

/** A router as an operator may have left it: our objects, hand-made ones, live sessions. */
const startState = fc.record({
  secrets: fc.uniqueArray(
    fc.record({
      name: secretName,
      password: fc.constantFrom("x", "y"),
      managed: fc.option(customer),
      disabled: fc.boolean(),
    }),
    { selector: (x) => x.name },
  ),
  profiles: fc.uniqueArray(fc.record({ name: profileName, rateLimit, managed: fc.boolean() }), {
    selector: (x) => x.name,
  }),
  sessions: fc.subarray(SECRET_NAMES),
});
type Start = typeof startState extends fc.Arbitrary<infer T> ? T : never;

function load(start: Start): void {
  s.state.reset();
  for (const p of start.profiles) {
    s.state.profiles.insert({
      name: p.name,
      ...s.state.profiles.spec.defaults,
      "rate-limit": p.rateLimit,
      ...(p.managed ? { comment: "rtrw:plan-x" } : {}),
    });
  }
  for (const x of start.secrets) {
    s.state.secrets.insert({
      name: x.name,
      ...s.state.secrets.spec.defaults,
      password: x.password,
      disabled: String(x.disabled),
      ...(x.managed ? { service: "pppoe", comment: `rtrw:${x.managed}` } : {}),
    });
  }
  for (const name of start.sessions) s.state.injectSession(name);
}

/**
 * Ops whose preconditions cannot depend on a later op in the same sequence (secrets use the
 * built-in profiles), so "the sequence twice = the sequence once" is a fair statement.
 */
const sequenceOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant("ensureSecret" as const),
    args: fc.record({
      name: secretName,
      password: fc.constantFrom("x", "y", "z"),
      profile: fc.constantFrom("default", "default-encryption"),
      service: fc.constant("pppoe" as const),
      comment: customer,
      disabled: fc.boolean(),
    }),
  }),
  fc.record({
    op: fc.constant("ensureProfile" as const),
    args: fc.record({ name: profileName, rateLimit, planId: fc.constantFrom("plan-a", "plan-b") }),
  }),
  fc.record({
    op: fc.constant("setSecretDisabled" as const),
    args: fc.record({ name: secretName, disabled: fc.boolean() }),
  }),
  fc.record({
    op: fc.constant("ensureAbsent" as const),
    args: fc.oneof(
      fc.record({ path: fc.constant("/ppp/secret" as const), name: secretName }),
      fc.record({ path: fc.constant("/ppp/profile" as const), name: profileName }),
    ),
  }),
  fc.record({ op: fc.constant("kickSession" as const), args: fc.record({ name: secretName }) }),
);

/** Any op, including ones that must fail (a secret on a profile that may not exist). */
const anyOp: fc.Arbitrary<Op> = fc.oneof(
  sequenceOp,
  fc.record({
    op: fc.constant("ensureSecret" as const),
    args: fc.record({
      name: secretName,
      password: fc.constant("x"),
      profile: profileName,
      service: fc.constant("pppoe" as const),
      comment: customer,
      disabled: fc.boolean(),
    }),
  }),
);

async function apply(ops: readonly Op[]): Promise<void> {
  for (const op of ops) await runOp(r, op).catch(() => {});
}

/** The state without ids and row order: what an operator would call "the same configuration". */
function normalized(): Record<string, SimRow[]> {
  const snap = s.state.snapshot();
  return Object.fromEntries(
    Object.entries(snap).map(([path, rows]) => [
      path,
      rows
        .map(({ ".id": _id, "session-id": _sid, "caller-id": _cid, address: _a, ...rest }) => rest)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ]),
  );
}

describe("declarative ops", () => {
  test.prop([startState, fc.array(sequenceOp, { maxLength: 8 })], { numRuns: 60 })(
    "applying a sequence twice leaves the router as applying it once",
    async (start, ops) => {
      load(start);
      await apply(ops);
      const once = normalized();
      load(start);
      await apply(ops);
      await apply(ops);
      expect(normalized()).toEqual(once);
    },
  );

  test.prop([startState, anyOp], { numRuns: 100 })(
    "an op reaches its declared end state and touches nothing else, or fails and changes nothing",
    async (start, op) => {
      load(start);
      const before = s.state.snapshot();
      const outcome = await runOp(r, op).then(
        () => "ok" as const,
        (e: unknown) => e,
      );
      const after = s.state.snapshot();
      const named = op.args && "name" in op.args ? op.args.name : "";
      const handMade = start.secrets.some((x) => x.name === named && !x.managed);
      const touchesSecret =
        op.op === "ensureSecret" ||
        op.op === "setSecretDisabled" ||
        (op.op === "ensureAbsent" && op.args.path === "/ppp/secret");
      // A secret made by hand is never taken over, changed or removed.
      if (handMade && touchesSecret) expect(outcome).toMatchObject({ code: "not_managed" });
      if (outcome !== "ok") {
        expect(after).toEqual(before);
        return;
      }
      const name = op.args && "name" in op.args ? op.args.name : "";
      const find = (path: string) => after[path]?.filter((x) => x.name === name) ?? [];
      switch (op.op) {
        case "ensureSecret": {
          const a = op.args;
          expect(find("/ppp/secret")).toEqual([
            expect.objectContaining({
              password: a.password,
              profile: a.profile,
              service: "pppoe",
              comment: `rtrw:${a.comment}`,
              disabled: String(a.disabled),
            }),
          ]);
          break;
        }
        case "ensureProfile":
          expect(find("/ppp/profile")).toEqual([
            expect.objectContaining({ "rate-limit": op.args.rateLimit, comment: `rtrw:${op.args.planId}` }),
          ]);
          break;
        case "setSecretDisabled":
          expect(find("/ppp/secret")).toEqual([expect.objectContaining({ disabled: String(op.args.disabled) })]);
          break;
        case "ensureAbsent":
          expect(find(op.args.path)).toEqual([]);
          break;
        case "kickSession":
          expect(find("/ppp/active")).toEqual([]);
          break;
      }
      // Nothing else changed: every row not named by the op is as it was.
      const others = (snap: Record<string, SimRow[]>) =>
        Object.fromEntries(
          Object.entries(snap).map(([path, rows]) => [
            path,
            rows.filter((x) => x.name !== name && x.name !== `<pppoe-${name}>`),
          ]),
        );
      expect(others(after)).toEqual(others(before));
    },
  );
});
