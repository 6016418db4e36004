import { type Command, isRouterOp, type OpName, type Result, type ResultError } from "../../src/protocol/index.ts";
import type { NetworkAllowList } from "./allow-list.ts";
import type { Logger } from "./log.ts";
import { OpError, runOp, sendMail } from "./ops/index.ts";
import type { ResultStore } from "./results-store.ts";
import { RouterOsError } from "./routeros/errors.ts";
import type { RouterApi } from "./routeros/session.ts";

export interface ExecutorDeps {
  router(routerId: string): RouterApi | undefined;
  store: ResultStore;
  log: Logger;
  now?: () => number;
  /** The networks relayed mail may go to (absent: any). */
  allow?: NetworkAllowList;
}

const CHANGES_ROUTER: ReadonlySet<OpName> = new Set([
  "ensureProfile",
  "ensureSecret",
  "setSecretDisabled",
  "ensureAbsent",
  "kickSession",
]);

function errorOf(e: unknown): ResultError {
  if (e instanceof RouterOsError) return { code: e.kind, message: e.message, retryable: e.retryable };
  if (e instanceof OpError) return { code: e.code, message: e.message, retryable: e.retryable };
  return { code: "internal", message: e instanceof Error ? e.message : String(e), retryable: true };
}

/**
 * Runs commands from the cloud, at most once each:
 * - a command id with a remembered result gets that result again, without touching the router;
 * - a command id already running joins the running one (the gateway resent it after a reconnect);
 * - otherwise the op runs, and its result is remembered (persisted) before it is returned.
 *
 * Only results worth repeating are remembered: those of ops that change the router, when they
 * succeeded or failed in a way a retry will not change. A retryable failure (router offline,
 * timeout) is not, so the gateway's resend after the router returns really runs the op (Property 29:
 * applied when it returns). Reads (`getSession`, `listManaged`, `testRouter`) are not remembered
 * either: running them again changes nothing and answers with fresher data, and a `listManaged` of a
 * big router would bloat the file.
 *
 * `sendMail` (no router) remembers its success only: a command resent after a lost result or a
 * reconnect (the cloud reuses the notification's command id) answers "sent" without a second
 * email, while a failed send (nothing delivered) may be tried again, with the settings then current.
 */
export class CommandExecutor {
  readonly #deps: ExecutorDeps;
  readonly #running = new Map<string, Promise<Result>>();

  constructor(deps: ExecutorDeps) {
    this.#deps = deps;
  }

  execute(cmd: Command): Promise<Result> {
    const remembered = this.#deps.store.get(cmd.id);
    if (remembered) return Promise.resolve(remembered);
    const running = this.#running.get(cmd.id);
    if (running) return running;
    const p = this.#run(cmd).finally(() => this.#running.delete(cmd.id));
    this.#running.set(cmd.id, p);
    return p;
  }

  async #run(cmd: Command): Promise<Result> {
    const log = this.#deps.log.child({ commandId: cmd.id, routerId: cmd.routerId, op: cmd.op });
    const now = this.#deps.now?.() ?? Date.now();
    let result: Result;
    const api = cmd.routerId === undefined ? undefined : this.#deps.router(cmd.routerId);
    if (Date.parse(cmd.deadline) < now) {
      result = fail(cmd, { code: "deadline", message: `deadline ${cmd.deadline} passed; not run`, retryable: false });
    } else if (!isRouterOp(cmd)) {
      result = await this.#attempt(cmd, () => sendMail(cmd.args, this.#deps.allow));
    } else if (cmd.routerId === undefined) {
      result = fail(cmd, { code: "invalid_command", message: `${cmd.op} needs a routerId`, retryable: false });
    } else if (!api) {
      // The router list may still be on its way (config arrives after a reconnect): retryable.
      result = fail(cmd, { code: "unknown_router", message: `no router ${cmd.routerId} configured`, retryable: true });
    } else {
      result = await this.#attempt(cmd, () => runOp(api, cmd));
    }
    if (result.ok) log.info("command done");
    else log.warn("command failed", { error: result.error });
    const final = result.ok || result.error?.retryable === false;
    if ((final && CHANGES_ROUTER.has(cmd.op)) || (result.ok && cmd.op === "sendMail")) {
      await this.#deps.store.remember(cmd.id, result);
    }
    return result;
  }

  async #attempt(cmd: Command, run: () => Promise<unknown>): Promise<Result> {
    try {
      const data = (await run()) as Result["data"];
      return { type: "result", commandId: cmd.id, ok: true, data };
    } catch (e) {
      return fail(cmd, errorOf(e));
    }
  }
}

function fail(cmd: Command, error: ResultError): Result {
  return { type: "result", commandId: cmd.id, ok: false, error };
}
