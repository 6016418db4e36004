import type { z } from "zod";
import {
  type CloudMessage,
  CloudMessageSchema,
  type ConnectorMessage,
  ConnectorMessageSchema,
  type Message,
} from "./messages.ts";

/** Why a frame was not a message. */
export type ParseError =
  | { code: "too_large"; message: string }
  | { code: "invalid_json"; message: string }
  | { code: "invalid_message"; message: string; issues: { path: string; message: string }[] };

export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: ParseError };

/** Larger frames are refused before `JSON.parse` (a full samples batch is well under 4 MiB). */
export const MAX_FRAME_CHARS = 8 * 1024 * 1024;

type Json = { ok: true; value: unknown } | { ok: false; error: ParseError };

function decodeJson(text: unknown): Json {
  if (typeof text !== "string") return { ok: false, error: { code: "invalid_json", message: "not a text frame" } };
  if (text.length > MAX_FRAME_CHARS) {
    return { ok: false, error: { code: "too_large", message: `frame of ${text.length} characters` } };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: { code: "invalid_json", message: e instanceof Error ? e.message : String(e) } };
  }
}

function validate<T>(schema: z.ZodType<T>, value: unknown): ParseResult<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issues = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), message: i.message }));
  const message = issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ");
  return { ok: false, error: { code: "invalid_message", message, issues } };
}

/** A frame from the cloud, as the connector reads it. Never throws. */
export function parseCloudMessage(text: unknown): ParseResult<CloudMessage> {
  const json = decodeJson(text);
  return json.ok ? validate(CloudMessageSchema, json.value) : json;
}

/** A frame from a connector, as the gateway reads it. Never throws. */
export function parseConnectorMessage(text: unknown): ParseResult<ConnectorMessage> {
  const json = decodeJson(text);
  return json.ok ? validate(ConnectorMessageSchema, json.value) : json;
}

const CLOUD_TYPES: ReadonlySet<unknown> = new Set(["command", "ack", "config", "enrolled", "refused"]);

/** Either direction (tools, logs, tests). Never throws. */
export function parseMessage(text: unknown): ParseResult<Message> {
  const json = decodeJson(text);
  if (!json.ok) return json;
  const v = json.value;
  const type = typeof v === "object" && v !== null && "type" in v ? v.type : undefined;
  // `heartbeat` is valid both ways; every other type belongs to one direction, whose issues we report.
  return CLOUD_TYPES.has(type) ? validate(CloudMessageSchema, v) : validate(ConnectorMessageSchema, v);
}

/** The text frame for a message. Typed input is valid by construction; no re-validation on the hot path. */
export function encodeMessage(message: Message): string {
  return JSON.stringify(message);
}
