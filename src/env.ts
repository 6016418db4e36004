import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import type { DbRegistry } from "./db/client";
import type { Logger } from "./lib/logger";
import type { Actor, TenantInfo } from "./services/context";
import type { EventSink } from "./services/events/record";

/**
 * The Worker's configuration, validated once per request in the fetch wrapper. Secrets come from
 * `wrangler secret put` in production and `.dev.vars` locally (created by `npm start`).
 */
export const EnvSchema = z.object({
  ENVIRONMENT: z.enum(["development", "test", "production"]).default("production"),
  /** Login role in `rtrw_app`: row-level security applies. The request path uses only this. */
  DATABASE_URL: z.string().min(1),
  /** Login role in `rtrw_system`: the explicit privileged path (platform admin, crons). */
  DATABASE_SYSTEM_URL: z.string().min(1),
  /** Local only: `host:port/v2` of the WebSocket→TCP proxy in front of a plain Postgres. */
  DATABASE_WS_PROXY: z.string().optional(),
  PLATFORM_API_KEY: z.string().min(24),
  /** Ed25519 private key as a JWK (JSON text): signs access tokens; its public half verifies them. */
  JWT_PRIVATE_KEY: z.string().min(1),
  JWT_ISSUER: z.string().default("rtrwnet"),
  JWT_AUDIENCE: z.string().default("rtrwnet-api"),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600),
  /** 32 random bytes, base64: AES-256-GCM key for secrets at rest. */
  ENCRYPTION_KEY: z.string().min(40),
  /** Tenants are reached at `<slug>.<BASE_DOMAIN>`. */
  BASE_DOMAIN: z.string().min(1).default("rtrwnet.id"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Largest accepted request body, bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
});

export type Config = z.infer<typeof EnvSchema>;

/** Raw bindings as the runtime hands them over (strings before validation, later DO/Queue bindings). */
export type Bindings = Record<keyof Config, string | undefined> & Record<string, unknown>;

export interface AppVariables {
  requestId: string;
  log: Logger;
  config: Config;
  dbs: DbRegistry;
  tenant: TenantInfo;
  actor: Actor;
  events: EventSink;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: AppVariables;
}

export type AppContext = Context<AppEnv>;
export type AppOpenAPI = OpenAPIHono<AppEnv>;
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
