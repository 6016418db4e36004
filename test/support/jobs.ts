import { env } from "cloudflare:test";
import { CRON_ENTRIES, type CronEntry } from "../../src/cron/registry";
import { createDbRegistry } from "../../src/db/client";
import { type Bindings, EnvSchema } from "../../src/env";
import { createLogger } from "../../src/lib/logger";
import type { JobDeps } from "../../src/queues/deps";
import type { IncomingMessage } from "../../src/queues/jobs-consumer";
import type { JobMessageInput } from "../../src/queues/messages";
import type { EnqueueOptions, JobQueue } from "../../src/queues/producer";
import { runOverdueJob } from "../../src/services/billing/overdue-job";
import { type Mailer, smtpMailer } from "../../src/services/email/send";
import type { DomainEventView } from "../../src/services/events/record";

/** A queue that only records what was sent (tests decide when and how to consume it). */
export function recordingQueue(): JobQueue & { sent: { message: JobMessageInput; opts?: EnqueueOptions }[] } {
  const sent: { message: JobMessageInput; opts?: EnqueueOptions }[] = [];
  return {
    sent,
    send: async (message, opts) => {
      sent.push({ message, opts });
    },
    sendBatch: async (messages, opts) => {
      for (const message of messages) sent.push({ message, opts });
    },
  };
}

/**
 * Job deps of the test Worker's configuration (real databases, the real SMTP sink unless a mailer
 * is given), with a recording queue and publisher. Call `close()` when done.
 */
export function testJobDeps(overrides: { mailer?: Mailer; queue?: JobQueue } = {}) {
  const bindings = env as unknown as Bindings;
  const config = EnvSchema.parse(bindings);
  const log = createLogger({ test: true }, "error");
  const published: DomainEventView[] = [];
  const queue = overrides.queue ?? recordingQueue();
  const recorder = { publish: async (events: DomainEventView[]) => void published.push(...events) };
  const deps: JobDeps = {
    env: bindings,
    config,
    dbs: createDbRegistry(config, log),
    log,
    queue,
    mailer: overrides.mailer ?? smtpMailer({ clientName: "rtrwnet.test" }),
    publisher: recorder,
    realtime: recorder,
  };
  return {
    deps,
    published,
    close: () => {
      deps.mailer.close?.();
      return deps.dbs.closeAll();
    },
  };
}

export interface FakeMessage extends IncomingMessage {
  acked: boolean;
  retried?: { delaySeconds?: number };
}

/** A queue message as the consumer sees it, recording its ack or retry. */
export function fakeMessage(body: unknown, attempts = 1, id = crypto.randomUUID()): FakeMessage {
  const m: FakeMessage = {
    id,
    attempts,
    body,
    acked: false,
    ack: () => {
      m.acked = true;
    },
    retry: (opts) => {
      m.retried = opts ?? {};
    },
  };
  return m;
}

/** What the local SMTP sink (test/setup/global-setup.ts) has received for `to`. */
export async function mailTo(to: string): Promise<{ subject: string; text: string; html: string; to: string[] }[]> {
  const base = (env as unknown as Record<string, string>).SMTP_SINK_URL;
  const res = await fetch(`${base}/messages?to=${encodeURIComponent(to)}`);
  return res.json();
}

/** Polls the sink until `to` has at least `count` messages (the real queue delivers asynchronously). */
export async function waitForMail(to: string, count = 1, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await mailTo(to);
    if (list.length >= count || Date.now() > deadline) return list;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The registry's overdue-payments entry (same name and schedule), limited to one tenant: the test
 * database is shared by files running at once, and the real entry, run at a past or future date,
 * would mark other tests' payments overdue and suspend their customers.
 */
export function overdueEntryFor(tenantId: string): CronEntry[] {
  return CRON_ENTRIES.filter((e) => e.name === "overdue-payments").map((e) => ({
    ...e,
    run: (deps, now) => runOverdueJob(deps.dbs.system(), now, { tenantId }),
  }));
}
