import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { type Attachment, ClientMessageSchema } from "../../../durable-objects/tenant-hub/connections";
import { applySubscription, MAX_TOPICS, TopicSchema, wantsEvent } from "../../../durable-objects/tenant-hub/topics";

const kind = fc.constantFrom("monitoring", "customer", "device", "ticket");
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const topic = fc.tuple(kind, fc.oneof(id, fc.constant("*"))).map(([k, i]) => `${k}:${i}`);
const event = fc.record({
  entityType: fc.constantFrom("monitoring", "customer", "payment"),
  entityId: id,
  topics: fc.array(
    fc.tuple(kind, id).map(([k, i]) => `${k}:${i}`),
    { maxLength: 2 },
  ),
});

describe("topic filtering", () => {
  // Property: topic matching — high-volume events reach exactly the sockets subscribed to one of their topics
  test.prop([fc.array(topic, { maxLength: 6 }), event], { numRuns: 200 })(
    "only monitoring is filtered, and by its own topic, an extra topic, or a kind wildcard",
    (subs, e) => {
      const own = [`${e.entityType}:${e.entityId}`, ...e.topics];
      const expected =
        e.entityType !== "monitoring" ||
        subs.some((s) => own.includes(s) || own.some((t) => s === `${t.split(":")[0]}:*`));
      expect(wantsEvent(subs, e)).toBe(expected);
    },
  );

  // Property: subscriptions stay a bounded set that fits the socket attachment (2 048 bytes)
  test.prop(
    [
      fc.array(
        fc.record({
          type: fc.constantFrom("subscribe", "unsubscribe"),
          topics: fc.array(topic, { minLength: 1, maxLength: 30 }),
        }),
        { maxLength: 6 },
      ),
    ],
    { numRuns: 200 },
  )("applySubscription never duplicates, never exceeds MAX_TOPICS, and reports what it refused", (changes) => {
    let current: string[] = [];
    for (const change of changes) {
      const { subscriptions, rejected } = applySubscription(current, change as never);
      expect(new Set(subscriptions).size).toBe(subscriptions.length);
      expect(subscriptions.length).toBeLessThanOrEqual(MAX_TOPICS);
      if (change.type === "subscribe") {
        for (const t of change.topics) expect(subscriptions.includes(t) || rejected.includes(t)).toBe(true);
        for (const t of current) expect(subscriptions).toContain(t);
      } else {
        for (const t of change.topics) expect(subscriptions).not.toContain(t);
      }
      current = subscriptions;
    }
  });

  it("the largest accepted subscription set fits an attachment", () => {
    const longest = Array.from({ length: MAX_TOPICS }, (_, i) => `a${"b".repeat(21)}:${String(i).padStart(40, "x")}`);
    for (const t of longest) expect(TopicSchema.safeParse(t).success, t).toBe(true);
    const attachment: Attachment = {
      userId: crypto.randomUUID(),
      role: "technician",
      subscriptions: longest,
      connectedAt: Date.now(),
      expiresAt: Date.now() + 900_000,
    };
    expect(new TextEncoder().encode(JSON.stringify(attachment)).length).toBeLessThan(2048);
    expect(ClientMessageSchema.safeParse({ type: "subscribe", topics: [...longest, "x:y"] }).success).toBe(false);
  });

  it.each(["monitoring:", ":abc", "Monitoring:1", "monitoring:a b", "monitoring:<x>", `monitoring:${"x".repeat(41)}`])(
    "rejects the topic %j",
    (t) => expect(TopicSchema.safeParse(t).success).toBe(false),
  );
});
