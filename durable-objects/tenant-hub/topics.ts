import { z } from "zod";
import type { HubEventInput } from "./events";

/**
 * Topic filtering. Most events are rare (a customer changed, a payment arrived) and go to everyone
 * whose role may see them. High-volume ones (bandwidth samples, several per customer per minute)
 * go only to sockets subscribed to one of their topics, e.g. `monitoring:<customer id>` while a
 * customer's live graph is open, or `monitoring:*` for a whole-network view.
 */
export const HIGH_VOLUME_ENTITIES: ReadonlySet<string> = new Set(["monitoring"]);

/**
 * Per socket. The subscriptions live in the socket's attachment, which the runtime caps at 2 048
 * bytes: 25 topics of at most 64 characters stay well inside it with the rest of the identity.
 */
export const MAX_TOPICS = 25;

/** `<kind>:<id>` or `<kind>:*`; kinds are entity types (`customer`, `monitoring`, …). */
export const TopicSchema = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z_]{0,22}:(\*|[A-Za-z0-9_-]{1,40})$/, "a topic is <kind>:<id> or <kind>:*");

export function isHighVolume(e: Pick<HubEventInput, "entityType">): boolean {
  return HIGH_VOLUME_ENTITIES.has(e.entityType);
}

/** The topics an event is published under, each with its `<kind>:*` wildcard. */
export function eventTopics(e: Pick<HubEventInput, "entityType" | "entityId" | "topics">): Set<string> {
  const out = new Set<string>();
  for (const t of [`${e.entityType}:${e.entityId}`, ...(e.topics ?? [])]) {
    const colon = t.indexOf(":");
    if (colon <= 0) continue;
    out.add(t);
    out.add(`${t.slice(0, colon)}:*`);
  }
  return out;
}

/** Whether a socket with these subscriptions gets the event (its role was checked before). */
export function wantsEvent(
  subscriptions: readonly string[],
  e: Pick<HubEventInput, "entityType" | "entityId" | "topics">,
): boolean {
  if (!isHighVolume(e)) return true;
  if (subscriptions.length === 0) return false;
  const topics = eventTopics(e);
  return subscriptions.some((s) => topics.has(s));
}

export type SubscriptionChange = { type: "subscribe" | "unsubscribe"; topics: string[] };

/**
 * The subscriptions after a change: deduplicated, in order, and capped at MAX_TOPICS (the topics
 * that did not fit are returned as `rejected`, so the client can be told).
 */
export function applySubscription(
  current: readonly string[],
  change: SubscriptionChange,
): { subscriptions: string[]; rejected: string[] } {
  if (change.type === "unsubscribe") {
    const drop = new Set(change.topics);
    return { subscriptions: current.filter((t) => !drop.has(t)), rejected: [] };
  }
  const subscriptions = [...current];
  const rejected: string[] = [];
  for (const t of change.topics) {
    if (subscriptions.includes(t)) continue;
    if (subscriptions.length >= MAX_TOPICS) rejected.push(t);
    else subscriptions.push(t);
  }
  return { subscriptions, rejected };
}
