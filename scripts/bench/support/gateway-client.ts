/**
 * A bench stand-in for the connector's cloud link: a `ws` client speaking the connector protocol
 * (src/protocol) to `GET /api/v1/connectors/connect`, as the real connector does — enrolls with the
 * one-time token, says `hello`, then sends `samples` batches and waits for each `ack`. It drives
 * the gateway as fast as the gateway acknowledges, which the real connector (one batch per router
 * per 30 s poll) cannot.
 */
import WebSocket from "ws";
import { encodeMessage, type Sample } from "../../../src/protocol/index.ts";

export interface GatewayClient {
  connectorId: string;
  /** Sends one batch and resolves when the gateway acknowledges it (it acks only once stored). */
  upload(batchId: string, samples: Sample[]): Promise<void>;
  close(): void;
}

export async function connectGateway(apiUrl: string, enrollmentToken: string, routerId: string) {
  const url = `${apiUrl.replace(/^http/, "ws")}/api/v1/connectors/connect`;
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${enrollmentToken}` } });
  const acks = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  let enrolled: ((id: string) => void) | undefined;
  let failed: ((e: Error) => void) | undefined;
  const closed = new Error("the gateway closed the socket");
  ws.on("message", (raw) => {
    const msg = JSON.parse(String(raw)) as { type: string; batchId?: string; connectorId?: string };
    if (msg.type === "enrolled" && msg.connectorId) enrolled?.(msg.connectorId);
    if (msg.type === "ack" && msg.batchId) {
      acks.get(msg.batchId)?.resolve();
      acks.delete(msg.batchId);
    }
  });
  ws.on("close", (code, reason) => {
    closed.message = `the gateway closed the socket: ${code} ${String(reason)}`;
    failed?.(closed);
    for (const a of acks.values()) a.reject(closed);
    acks.clear();
  });
  ws.on("error", (e) => failed?.(e));
  const connectorId = await new Promise<string>((resolve, reject) => {
    enrolled = resolve;
    failed = reject;
    setTimeout(() => reject(new Error("no `enrolled` from the gateway in 15 s")), 15_000).unref();
  });
  failed = undefined;
  ws.send(
    encodeMessage({
      type: "hello",
      protocol: 1,
      connectorId,
      version: "bench",
      routers: [{ routerId, reachable: true }],
    }),
  );
  return {
    connectorId,
    upload: (batchId: string, samples: Sample[]) =>
      new Promise<void>((resolve, reject) => {
        if (ws.readyState !== WebSocket.OPEN) return reject(closed);
        const timer = setTimeout(() => {
          acks.delete(batchId);
          reject(new Error(`batch ${batchId} not acknowledged in 30 s`));
        }, 30_000);
        acks.set(batchId, {
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        ws.send(encodeMessage({ type: "samples", batchId, samples }));
      }),
    close: () => ws.close(1000),
  } satisfies GatewayClient;
}
