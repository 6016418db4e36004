import type { OpResult, RouterOp } from "../../../src/protocol/index.ts";
import type { RouterApi } from "../routeros/session.ts";
import { ensureAbsent } from "./ensure-absent.ts";
import { ensureProfile } from "./ensure-profile.ts";
import { ensureSecret } from "./ensure-secret.ts";
import { listManaged } from "./list-managed.ts";
import { getSession, kickSession } from "./sessions.ts";
import { setSecretDisabled } from "./set-secret-disabled.ts";
import { testRouter } from "./test-router.ts";

export { OpError } from "./op-error.ts";
export { sendMail } from "./send-mail.ts";

/** Runs one declarative op against a router. Throws `RouterOsError` or `OpError`. */
export function runOp(api: RouterApi, op: RouterOp): Promise<OpResult<RouterOp["op"]>> {
  switch (op.op) {
    case "ensureProfile":
      return ensureProfile(api, op.args);
    case "ensureSecret":
      return ensureSecret(api, op.args);
    case "setSecretDisabled":
      return setSecretDisabled(api, op.args);
    case "ensureAbsent":
      return ensureAbsent(api, op.args);
    case "kickSession":
      return kickSession(api, op.args);
    case "getSession":
      return getSession(api, op.args);
    case "listManaged":
      return listManaged(api);
    case "testRouter":
      return testRouter(api);
  }
}
