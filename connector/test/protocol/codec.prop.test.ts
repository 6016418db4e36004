import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  encodeMessage,
  HEARTBEAT_TEXT,
  managedComment,
  parseCloudMessage,
  parseConnectorMessage,
  parseConnectorToken,
  parseManagedComment,
  parseMessage,
} from "../../../src/protocol/index.ts";
import { cloudMessage, connectorMessage, id } from "./arbitraries.ts";

describe("protocol codec", () => {
  test.prop([connectorMessage])("connector → cloud messages round-trip", (m) => {
    const text = encodeMessage(m);
    expect(parseConnectorMessage(text)).toEqual({ ok: true, message: m });
    expect(parseMessage(text)).toEqual({ ok: true, message: m });
  });

  test.prop([cloudMessage])("cloud → connector messages round-trip", (m) => {
    const text = encodeMessage(m);
    expect(parseCloudMessage(text)).toEqual({ ok: true, message: m });
    expect(parseMessage(text)).toEqual({ ok: true, message: m });
  });

  test.prop([fc.string({ unit: "binary", maxLength: 300 })])("arbitrary text never throws", (text) => {
    const r = parseMessage(text);
    expect(r.ok === true || ["invalid_json", "invalid_message"].includes(r.error.code)).toBe(true);
    parseCloudMessage(text);
    parseConnectorMessage(text);
  });

  test.prop([fc.jsonValue()])("arbitrary JSON never throws and is refused unless it is a message", (v) => {
    const r = parseMessage(JSON.stringify(v));
    if (!r.ok) expect(r.error.code).toBe("invalid_message");
  });

  test.prop([cloudMessage, fc.string({ maxLength: 10 }), fc.jsonValue()])(
    "a valid message with one field replaced never throws",
    (m, key, value) => {
      const keys = Object.keys(m);
      const k = keys[key.length % keys.length] ?? "type";
      parseCloudMessage(JSON.stringify({ ...m, [k]: value }));
    },
  );

  it("refuses non-text and oversized frames with a typed error", () => {
    expect(parseMessage(undefined)).toMatchObject({ ok: false, error: { code: "invalid_json" } });
    expect(parseMessage("x".repeat(9 * 1024 * 1024))).toMatchObject({ ok: false, error: { code: "too_large" } });
    expect(parseCloudMessage('{"type":"command","op":"reboot"}')).toMatchObject({
      ok: false,
      error: { code: "invalid_message" },
    });
  });

  it("keeps the heartbeat a fixed text (the gateway auto-responds to it without waking)", () => {
    expect(encodeMessage({ type: "heartbeat" })).toBe(HEARTBEAT_TEXT);
  });
});

describe("tokens and comments", () => {
  test.prop([id, fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/)])(
    "credentials and enrollment tokens are told apart",
    (cid, secret) => {
      expect(parseConnectorToken(`${cid}.${secret}`)).toEqual({ kind: "credential", connectorId: cid, secret });
      expect(parseConnectorToken(secret)).toEqual({ kind: "enrollment", token: secret });
    },
  );

  test.prop([fc.string()])("parseConnectorToken never throws", (t) => {
    parseConnectorToken(t);
  });

  test.prop([id])("our comment tag round-trips", (x) => {
    expect(parseManagedComment(managedComment(x))).toBe(x);
  });

  it("does not mistake a hand-written comment for ours", () => {
    expect(parseManagedComment("pelanggan pak RT")).toBeUndefined();
    expect(parseManagedComment("rtrw:")).toBeUndefined();
    expect(parseManagedComment(undefined)).toBeUndefined();
  });
});
