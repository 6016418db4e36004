import { createApp } from "./app";
import { handleScheduled } from "./cron/scheduled";
import type { Bindings } from "./env";
import { handleQueue } from "./queues/consumer";

export { ConnectorGateway, RateLimiter, TenantHub } from "../durable-objects";

/** Built once per isolate: the app holds routes and middleware only, no request state. */
const app = createApp();

// biome-ignore lint/style/noDefaultExport: the Workers runtime requires the default export.
export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  queue: (batch, env, ctx) => handleQueue(batch, env, ctx),
  scheduled: (controller, env, ctx) => handleScheduled(controller, env, ctx),
} satisfies ExportedHandler<Bindings, unknown>;
