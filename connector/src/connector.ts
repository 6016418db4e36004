import {
  type CloudMessage,
  type Config,
  encodeMessage,
  IdSchema,
  parseCloudMessage,
  type Refused,
} from "../../src/protocol/index.ts";
import { NetworkAllowList } from "./allow-list.ts";
import { SampleBuffer } from "./buffer.ts";
import { connectUrl, insecureServerReason } from "./config.ts";
import { ConnectorCredential } from "./credential.ts";
import { DeviceProber, type ProbeOptions } from "./device-prober.ts";
import { CommandExecutor } from "./executor.ts";
import type { Logger } from "./log.ts";
import { type Every, Poller } from "./poller.ts";
import { ResultStore } from "./results-store.ts";
import type { SessionOptions } from "./routeros/session.ts";
import { RouterRegistry } from "./routers.ts";
import { DEFAULT_SOCKET_OPTIONS, ReconnectingSocket, type SocketOptions } from "./socket.ts";
import { StateDir } from "./state-dir.ts";
import { Uploader } from "./uploader.ts";
import { CONNECTOR_VERSION } from "./version.ts";

export interface ConnectorOptions {
  server: string;
  token?: string;
  stateDir: string;
  log: Logger;
  /** Overrides for tests and tuning. */
  socket?: Partial<Omit<SocketOptions, "url" | "headers" | "log" | "onOpen" | "onMessage" | "onClose" | "onRefused">>;
  session?: Partial<SessionOptions>;
  bufferMaxSamples?: number;
  ackTimeoutMs?: number;
  /** Overrides the cloud's `pollIntervalMs` (tests poll by hand with `pollNow`). */
  pollIntervalMs?: number;
  /** The poller's repeating timer (tests inject one instead of sleeping). */
  every?: Every;
  /**
   * Poll once as soon as the first router list is known (default true): the first poll only sets
   * the counters' baseline, so this brings the first samples one interval earlier.
   */
  pollOnStart?: boolean;
  probe?: Partial<ProbeOptions>;
  /** The only networks devices may be probed and mail relayed to (CIDRs); absent: any. */
  allowNetworks?: readonly string[];
}

export interface RunningConnector {
  socket: ReconnectingSocket;
  registry: RouterRegistry;
  buffer: SampleBuffer;
  /** One poll round over all routers and devices now (and upload what it produced). */
  pollNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Wires the parts together: the socket to the cloud, the router sessions, command execution, the
 * poller, the on-disk sample buffer and its uploader.
 */
export async function startConnector(o: ConnectorOptions): Promise<RunningConnector> {
  const log = o.log;
  const insecure = insecureServerReason(o.server);
  if (insecure) throw new Error(insecure);
  const allow = o.allowNetworks ? new NetworkAllowList(o.allowNetworks) : undefined;
  if (allow) log.info("probes and relayed mail limited to", { allowNetworks: allow.networks });
  const state = await StateDir.open(o.stateDir);
  const credential = await ConnectorCredential.resolve(state, o.token, log);
  const store = await ResultStore.open(state.path("results.jsonl"));
  const buffer = await SampleBuffer.open(state.path("buffer"), { maxSamples: o.bufferMaxSamples });
  const registry = new RouterRegistry(o.session ?? {}, log);
  const executor = new CommandExecutor({ router: (id) => registry.get(id), store, log, allow });

  const sendNow = (text: string) => socket.send(text, { queue: false });
  const uploader = new Uploader({ buffer, send: sendNow, log, ackTimeoutMs: o.ackTimeoutMs });
  const poller = new Poller({
    routers: () =>
      registry.ids().flatMap((routerId) => {
        const api = registry.get(routerId);
        return api ? [{ routerId, api }] : [];
      }),
    onSamples: async (samples) => {
      await buffer.append(samples);
      void uploader.pump();
    },
    onHealth: (h) => sendNow(encodeMessage(h)),
    onInfo: (routerId, info) => registry.setInfo(routerId, info),
    log,
    ...(o.every ? { every: o.every } : {}),
  });

  const prober = new DeviceProber({ send: (round) => sendNow(encodeMessage(round)), log, options: o.probe, allow });

  const sendHello = () => {
    const token = credential.token;
    if (token.kind !== "credential") return;
    socket.send(
      encodeMessage({
        type: "hello",
        protocol: 1,
        connectorId: token.connectorId,
        version: CONNECTOR_VERSION,
        routers: registry.statuses(),
      }),
      { queue: false },
    );
  };

  /**
   * The cloud did not take a frame (over this connector's budget, or out of its time window): logged;
   * a samples batch is kept or dropped by the uploader; a refused `hello` is said again when the
   * cloud allows; anything else (health, a probe round) is dropped, as the next poll sends fresher.
   */
  let helloRetry: NodeJS.Timeout | undefined;
  const onRefused = async (msg: Refused) => {
    if (msg.frame === "samples") return uploader.onRefused(msg);
    const fields = { frame: msg.frame, code: msg.code, reason: msg.message, retryAfterMs: msg.retryAfterMs };
    if (msg.frame !== "hello" || !msg.retryable) {
      log.warn("the cloud refused a message; it is dropped", fields);
      return;
    }
    log.warn("the cloud refused a hello; saying it again later", fields);
    clearTimeout(helloRetry);
    helloRetry = setTimeout(sendHello, msg.retryAfterMs ?? 10_000);
    helloRetry.unref();
  };

  let polledOnce = false;
  const applyConfig = (config: Config) => {
    registry.apply(config.routers);
    prober.apply(config.devices ?? []);
    poller.start(o.pollIntervalMs ?? config.pollIntervalMs);
    prober.start(o.pollIntervalMs ?? config.pollIntervalMs);
    if (polledOnce || o.pollOnStart === false || config.routers.length === 0) return;
    polledOnce = true;
    void poller.pollAll();
  };
  const saved = await state.readRouterConfig();
  if (saved) applyConfig(saved);

  const onMessage = async (msg: CloudMessage) => {
    switch (msg.type) {
      case "enrolled":
        await credential.enrolled(msg.connectorId, msg.secret);
        log.info("enrolled", { connectorId: msg.connectorId });
        sendHello();
        return;
      case "config":
        await state.writeRouterConfig(msg);
        applyConfig(msg);
        log.info("config received", {
          routers: msg.routers.length,
          devices: msg.devices?.length ?? 0,
          pollIntervalMs: msg.pollIntervalMs,
        });
        sendHello();
        return;
      case "command": {
        const result = await executor.execute(msg);
        socket.send(encodeMessage(result));
        return;
      }
      case "ack":
        await uploader.onAck(msg.batchId);
        return;
      case "refused":
        await onRefused(msg);
        return;
      case "heartbeat":
        return;
    }
  };

  const socket: ReconnectingSocket = new ReconnectingSocket({
    ...DEFAULT_SOCKET_OPTIONS,
    random: Math.random,
    ...o.socket,
    url: connectUrl(o.server),
    headers: () => ({
      authorization: `Bearer ${credential.bearer()}`,
      "user-agent": `rtrwnet-connector/${CONNECTOR_VERSION}`,
    }),
    log,
    onOpen: () => {
      sendHello();
      uploader.onConnected();
    },
    onClose: () => uploader.onDisconnected(),
    onRefused: () => credential.onRefused(),
    onMessage: (text) => {
      const parsed = parseCloudMessage(text);
      if (!parsed.ok) {
        log.warn("ignoring a frame that is not a protocol message", { error: parsed.error.message });
        answerInvalidCommand(text);
        return;
      }
      onMessage(parsed.message).catch((e: unknown) =>
        log.error("handling a message failed", {
          type: parsed.message.type,
          error: e instanceof Error ? e.message : e,
        }),
      );
    },
  });

  /** A `command` we cannot parse still gets a result, or the gateway would resend it forever. */
  const answerInvalidCommand = (text: string) => {
    try {
      const v: unknown = JSON.parse(text);
      if (typeof v !== "object" || v === null || !("type" in v) || v.type !== "command" || !("id" in v)) return;
      const id = IdSchema.safeParse(v.id);
      if (!id.success) return;
      const error = { code: "invalid_command" as const, message: "command did not validate", retryable: false };
      socket.send(encodeMessage({ type: "result", commandId: id.data, ok: false, error }));
    } catch {
      // Not JSON: nothing to answer.
    }
  };

  socket.start();
  return {
    socket,
    registry,
    buffer,
    pollNow: async () => {
      await Promise.all([poller.pollAll(), prober.probeAll()]);
      await uploader.pump();
    },
    stop: async () => {
      clearTimeout(helloRetry);
      poller.stop();
      prober.stop();
      await socket.stop();
      uploader.onDisconnected();
      registry.closeAll();
    },
  };
}
