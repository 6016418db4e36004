import { type Op, parseManagedComment } from "../../src/protocol";

/**
 * A router reduced to what provisioning touches, applying ops with the semantics of the
 * connector's ops (declarative ensure*, managed-only ensureAbsent, a profile must exist before a
 * secret refers to it), so property tests can check end states of planned ops without a connector.
 */
export interface RouterModel {
  secrets: Map<string, { password: string; profile: string; disabled: boolean; comment: string }>;
  profiles: Map<string, { rateLimit: string; comment: string }>;
  sessions: Set<string>;
  kicked: string[];
}

export function emptyRouter(): RouterModel {
  return { secrets: new Map(), profiles: new Map(), sessions: new Set(), kicked: [] };
}

export function cloneRouter(r: RouterModel): RouterModel {
  return {
    secrets: new Map([...r.secrets].map(([k, v]) => [k, { ...v }])),
    profiles: new Map([...r.profiles].map(([k, v]) => [k, { ...v }])),
    sessions: new Set(r.sessions),
    kicked: [...r.kicked],
  };
}

export function applyOp(r: RouterModel, op: Op): void {
  switch (op.op) {
    case "ensureProfile":
      r.profiles.set(op.args.name, { rateLimit: op.args.rateLimit, comment: `rtrw:${op.args.planId ?? "profile"}` });
      return;
    case "ensureSecret": {
      const existing = r.secrets.get(op.args.name);
      if (existing && parseManagedComment(existing.comment) === undefined) throw new Error("not_managed");
      if (!r.profiles.has(op.args.profile))
        throw new Error(`input does not match any value of profile ${op.args.profile}`);
      r.secrets.set(op.args.name, {
        password: op.args.password,
        profile: op.args.profile,
        disabled: op.args.disabled,
        comment: `rtrw:${op.args.comment}`,
      });
      return;
    }
    case "setSecretDisabled": {
      const s = r.secrets.get(op.args.name);
      if (!s) throw new Error("not_found");
      if (parseManagedComment(s.comment) === undefined) throw new Error("not_managed");
      s.disabled = op.args.disabled;
      return;
    }
    case "ensureAbsent": {
      const table = op.args.path === "/ppp/profile" ? r.profiles : op.args.path === "/ppp/secret" ? r.secrets : null;
      const row = table?.get(op.args.name);
      if (!table || !row) return;
      if (parseManagedComment(row.comment) === undefined) throw new Error("not_managed");
      table.delete(op.args.name);
      return;
    }
    case "kickSession":
      if (r.sessions.delete(op.args.name)) r.kicked.push(op.args.name);
      return;
    default:
      return;
  }
}

export function applyAll(r: RouterModel, ops: readonly { op: Op }[]): RouterModel {
  for (const o of ops) applyOp(r, o.op);
  return r;
}
