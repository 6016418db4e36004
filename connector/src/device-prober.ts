import { connect } from "node:net";
import type { DeviceProbe, DeviceReachability, Devices } from "../../src/protocol/index.ts";
import type { NetworkAllowList } from "./allow-list.ts";
import type { Logger } from "./log.ts";

export interface ProbeOptions {
  /** How long one TCP connect may take before it counts as failed. */
  timeoutMs: number;
  /** Connects tried before a device counts as unreachable (a single lost SYN must not raise an alert). */
  attempts: number;
  /** Devices probed at once. */
  concurrency: number;
}

export const DEFAULT_PROBE_OPTIONS: ProbeOptions = { timeoutMs: 3_000, attempts: 2, concurrency: 32 };

/**
 * Whether a TCP connection to `host`:`port` completes within `timeoutMs`. Unprivileged (no raw
 * ICMP socket), and it checks what matters for management: the device's service answers. A refused
 * connection counts as unreachable too: the configured port is the device's management port, and a
 * device that refuses it cannot be managed.
 */
export function tcpReachable(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

const key = (d: DeviceProbe) => `${d.deviceId} ${d.host} ${d.port}`;

export interface DeviceProberDeps {
  /** Sends one round's results to the cloud (dropped while disconnected: the next round is fresher). */
  send(round: Devices): void;
  log: Logger;
  options?: Partial<ProbeOptions>;
  now?: () => Date;
  /** The networks devices may be probed in (absent: any); a device outside is reported unreachable, with why. */
  allow?: NetworkAllowList;
}

/**
 * Probes the devices of the last `config` on the poll interval and reports each round as one
 * `devices` message; the cloud turns changes into status, alerts and events. A round still running
 * is not overlapped.
 */
export class DeviceProber {
  readonly #deps: DeviceProberDeps;
  readonly #options: ProbeOptions;
  #devices: DeviceProbe[] = [];
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  /** Devices whose refusal was logged (once per device and address, not every round). */
  readonly #refusalLogged = new Set<string>();

  constructor(deps: DeviceProberDeps) {
    this.#deps = deps;
    this.#options = { ...DEFAULT_PROBE_OPTIONS, ...deps.options };
  }

  /**
   * Takes the devices of a new `config`. A device that is new, or whose address or port changed, is
   * probed at once (after a round already running), so a device just added shows its status within
   * seconds instead of at the next interval.
   */
  apply(devices: DeviceProbe[]): void {
    const known = new Set(this.#devices.map(key));
    this.#devices = devices;
    if (devices.every((d) => known.has(key(d)))) return;
    const probe = () => this.probeAll();
    void (this.#running ? this.#running.then(probe) : probe());
  }

  start(intervalMs: number): void {
    this.stop();
    this.#timer = setInterval(() => void this.probeAll(), intervalMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  probeAll(): Promise<void> {
    this.#running ??= this.#round().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #round(): Promise<void> {
    const devices = this.#devices;
    if (devices.length === 0) return;
    const ts = (this.#deps.now?.() ?? new Date()).toISOString();
    const results: DeviceReachability[] = new Array(devices.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < devices.length; i = next++) {
        const d = devices[i] as DeviceProbe;
        results[i] = await this.#probe(d);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#options.concurrency, devices.length) }, worker));
    const down = results.filter((r) => !r.reachable).length;
    if (down > 0) this.#deps.log.info("devices unreachable", { down, of: results.length });
    this.#deps.send({ type: "devices", ts, devices: results });
  }

  async #probe(d: DeviceProbe): Promise<DeviceReachability> {
    let host = d.host;
    if (this.#deps.allow) {
      const target = await this.#deps.allow.resolve(d.host);
      if (!target.ok) {
        if (!this.#refusalLogged.has(key(d))) {
          this.#refusalLogged.add(key(d));
          this.#deps.log.warn("device not probed: outside the allowed networks", {
            deviceId: d.deviceId,
            host: d.host,
            reason: target.reason,
          });
        }
        return { deviceId: d.deviceId, reachable: false, error: target.reason.slice(0, 500) };
      }
      host = target.address;
    }
    for (let attempt = 0; attempt < this.#options.attempts; attempt++)
      if (await tcpReachable(host, d.port, this.#options.timeoutMs)) return { deviceId: d.deviceId, reachable: true };
    return { deviceId: d.deviceId, reachable: false };
  }
}
