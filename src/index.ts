import { createApp } from "./app";
import type { Bindings } from "./env";

/** Built once per isolate: the app holds routes and middleware only, no request state. */
const app = createApp();

// biome-ignore lint/style/noDefaultExport: the Workers runtime requires the default export.
export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
} satisfies ExportedHandler<Bindings>;
