import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import type { ConnectorGateway } from "../durable-objects/connector-gateway";
import type { RateLimiter } from "../durable-objects/rate-limiter";
import type { TenantHub } from "../durable-objects/tenant-hub";
import type { DbRegistry } from "./db/client";
import type { Logger } from "./lib/logger";
import type { JobMessage } from "./queues/messages";
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
  /** 32 random bytes, base64: AES-256-GCM key of tenant backups (kept apart from ENCRYPTION_KEY). */
  BACKUP_ENCRYPTION_KEY: z.string().min(40),
  /** Tenants are reached at `<slug>.<BASE_DOMAIN>`. */
  BASE_DOMAIN: z.string().min(1).default("rtrwnet.id"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Largest accepted request body, bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /**
   * The platform's default mail server, for tenants without their own SMTP settings:
   * `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start).
   * Unset: such tenants' emails fail with a clear error in the delivery log.
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** Sender of platform-default mail, e.g. `RT/RW Net <noreply@rtrwnet.id>`. */
  SMTP_FROM: z.string().min(3).default("RT/RW Net <noreply@rtrwnet.id>"),
  /** Requests per minute per client address, all routes together (src/middleware/rate-limit.ts). */
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().positive().default(1000),
  /** Requests per minute per signed-in user, on authenticated routes. */
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().positive().default(100),
  /** Sign-in attempts per minute per client address. */
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().positive().default(5),
  /** Failed sign-ins from one address against this many distinct accounts within the window block it. */
  SUSPICIOUS_LOGIN_ACCOUNTS: z.coerce.number().int().positive().default(5),
  /** …or this many failed sign-ins from one address in all. */
  SUSPICIOUS_LOGIN_FAILURES: z.coerce.number().int().positive().default(20),
  SUSPICIOUS_LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /** First block of an address; each further block (strikes are forgotten after a day) doubles it. */
  IP_BLOCK_SECONDS: z.coerce.number().int().positive().default(900),
  IP_BLOCK_MAX_SECONDS: z.coerce.number().int().positive().default(86_400),
  /**
   * Sign-in attempts on one account (tenant + email, from any address) within the window, after
   * which the account's sign-ins are refused (429) for ACCOUNT_LOCK_SECONDS, doubled on each repeat
   * up to ACCOUNT_LOCK_MAX_SECONDS. A successful sign-in starts over.
   */
  ACCOUNT_LOGIN_ATTEMPTS: z.coerce.number().int().positive().default(10),
  ACCOUNT_LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  ACCOUNT_LOCK_SECONDS: z.coerce.number().int().positive().default(60),
  ACCOUNT_LOCK_MAX_SECONDS: z.coerce.number().int().positive().default(1_800),
  /**
   * Raw bandwidth samples are kept this many days (hourly roll-ups much longer); 7d/30d read roll-ups.
   * At least 3: each hourly roll-up re-sums the last 48 h from raw samples and overwrites its buckets,
   * so a shorter retention would re-sum hours already (partly) pruned into too-small sums.
   */
  MONITORING_RAW_RETENTION_DAYS: z.coerce.number().int().min(3).max(365).default(7),
  /**
   * The smallest samples-per-minute budget of a connector (larger ones are sized from its routers'
   * customers, see services/monitoring/limits.ts). Raised only by the bench, which measures ingest
   * by uploading as fast as the gateway takes it.
   */
  CONNECTOR_MIN_SAMPLES_PER_MINUTE: z.coerce.number().int().positive().default(10_000),
  /** Browser origins allowed to call the API (comma-separated, `*` for any); empty: no cross-origin access. */
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    ),
});

export type Config = z.infer<typeof EnvSchema>;

/** Raw bindings as the runtime hands them over (strings before validation, later DO/Queue bindings). */
export type Bindings = Record<keyof Config, string | undefined> &
  Record<string, unknown> & {
    /** One TenantHub per tenant: realtime delivery of domain events (absent: events are only logged). */
    TENANT_HUB?: DurableObjectNamespace<TenantHub>;
    /** One RateLimiter per scope (`ip:…`, `user:…`, `login:…`); absent: requests are not limited. */
    RATE_LIMITER?: DurableObjectNamespace<RateLimiter>;
    /** One ConnectorGateway per connector (`idFromName(connectorId)`); absent: connectors cannot connect. */
    CONNECTOR_GATEWAY?: DurableObjectNamespace<ConnectorGateway>;
    /** The `jobs` queue (email, backups); use `jobQueue(env)` from src/queues/producer. */
    JOBS?: Queue<JobMessage>;
  };

export interface AppVariables {
  requestId: string;
  log: Logger;
  config: Config;
  dbs: DbRegistry;
  tenant: TenantInfo;
  actor: Actor;
  events: EventSink;
  /** Set once the per-user rate limit counted this request (a path under two tenant routers runs it twice). */
  userRateLimited?: boolean;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: AppVariables;
}

export type AppContext = Context<AppEnv>;
export type AppOpenAPI = OpenAPIHono<AppEnv>;
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
