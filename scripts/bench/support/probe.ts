import { join } from "node:path";
import { unstable_startWorker } from "wrangler";

/**
 * The probe Worker (probe-worker.js, configured by probe.wrangler.jsonc: the RateLimiter bound as
 * in wrangler.toml), in its own in-process workerd with nothing persisted.
 */
export interface ProbeClient {
  get<T>(path: string): Promise<T>;
  dispose(): Promise<void>;
}

export async function startProbe(): Promise<ProbeClient> {
  // No lookup of Cloudflare's Request.cf data: loopback only.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
  const worker = await unstable_startWorker({
    config: join(import.meta.dirname, "probe.wrangler.jsonc"),
    dev: {
      server: { hostname: "127.0.0.1", port: 0 },
      inspector: false,
      logLevel: "error",
      persist: false,
      watch: false,
    },
  } as Parameters<typeof unstable_startWorker>[0]);
  await worker.ready;
  return {
    async get<T>(path: string) {
      const res = await worker.fetch(`http://probe${path}`);
      if (!res.ok) throw new Error(`probe ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    dispose: () => worker.dispose(),
  };
}
