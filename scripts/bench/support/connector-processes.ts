/**
 * What the connector bench starts: real connector processes (the end-to-end test's
 * `startConnector` with the packed build, under the Node ≥ 22 of node_modules) and
 * in-process RouterOS simulators. `stopAll` ends them and removes the connectors' state
 * directories; should the bench process exit first (timeout, signal), an `exit` hook SIGKILLs
 * every connector still running (and removes its state), so none outlives the run.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RouterOsSim, type SimOptions, startRouterOsSim } from "../../../connector/sim/index.ts";
import { type ConnectorProcess, startConnector } from "../../../test/node/e2e-stack.ts";
import { stageConnectorPackage } from "../../connector-build.ts";
import { SIM_PASSWORD } from "./connector-api.ts";

export class BenchProcesses {
  readonly #connectors: ConnectorProcess[] = [];
  readonly #sims: RouterOsSim[] = [];
  #packageDir: string | undefined;
  #bin: Promise<string> | undefined;
  readonly #killNow = () => {
    for (const c of this.#connectors) {
      if (c.child.exitCode === null) c.child.kill("SIGKILL");
      rmSync(c.stateDir, { recursive: true, force: true });
    }
  };

  constructor() {
    process.once("exit", this.#killNow);
  }

  /**
   * `token` is the enrollment token; the connector keeps its credential in a fresh state directory.
   * It runs as it ships: the packed build (staged once per bench run), not the TypeScript sources.
   */
  async connector(server: string, token: string): Promise<ConnectorProcess> {
    this.#packageDir ??= mkdtempSync(join(tmpdir(), "rtrw-bench-connector-package-"));
    this.#bin ??= stageConnectorPackage(this.#packageDir);
    const c = startConnector(server, token, undefined, await this.#bin);
    this.#connectors.push(c);
    return c;
  }

  async sim(options: Partial<SimOptions> = {}): Promise<RouterOsSim> {
    const sim = await startRouterOsSim({
      mode: "7.18",
      users: [{ name: "admin", password: SIM_PASSWORD }],
      ...options,
    });
    this.#sims.push(sim);
    return sim;
  }

  /** Stops one connector (SIGTERM, then SIGKILL after 5 s) and removes its state directory. */
  async stop(c: ConnectorProcess): Promise<void> {
    await c.stop();
    rmSync(c.stateDir, { recursive: true, force: true });
  }

  async stopAll(): Promise<void> {
    for (const c of this.#connectors) await this.stop(c).catch(() => undefined);
    for (const s of this.#sims) await s.close().catch(() => undefined);
    if (this.#packageDir) rmSync(this.#packageDir, { recursive: true, force: true });
    process.removeListener("exit", this.#killNow);
  }
}

/** A process's resident set (VmRSS) in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) / 1024;
}

/** CPU time (user + system) a process has used so far, in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
