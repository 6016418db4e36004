import { z } from "zod";
import { IdSchema } from "./ids.ts";

/**
 * The operations the cloud can ask a connector to run on a router. Each is declarative: it names
 * the end state, and the connector reads the router and changes only what differs, so running an
 * op twice (a resent command, a retry after a lost result) ends in the same state as running it once.
 */

/** A RouterOS object name (PPP secret = PPPoE username, profile, pool): printable, no control characters. */
export const RouterNameSchema = z
  .string()
  .min(1)
  .max(64)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  .regex(/^[^\x00-\x1f\x7f,]+$/, "printable characters, no comma");

/**
 * A RouterOS PPP `rate-limit`: `rx/tx [burst-rx/burst-tx [threshold-rx/threshold-tx [time-rx/time-tx
 * [priority [limit-at-rx/limit-at-tx]]]]]`, rates like `10M`, `512k`, `1000000`.
 */
export const RateLimitSchema = z
  .string()
  .max(200)
  .regex(
    /^\d+[kKmMgG]?\/\d+[kKmMgG]?(?: \d+[kKmMgG]?\/\d+[kKmMgG]?(?: \d+[kKmMgG]?\/\d+[kKmMgG]?(?: \d+\/\d+(?: [1-8](?: \d+[kKmMgG]?\/\d+[kKmMgG]?)?)?)?)?)?$/,
    "a RouterOS rate-limit such as 10M/10M",
  );

const Ipv4Schema = z.ipv4();

/** The plan id written on managed profiles that belong to no plan. */
export const UNASSIGNED_PLAN_ID = "profile";

/** Paths `ensureAbsent` may remove from; each holds named objects. */
export const ManagedPathSchema = z.enum(["/ppp/secret", "/ppp/profile", "/ip/pool", "/queue/simple"]);
export type ManagedPath = z.infer<typeof ManagedPathSchema>;

export const EnsureProfileArgsSchema = z.object({
  name: RouterNameSchema,
  rateLimit: RateLimitSchema,
  localAddress: Ipv4Schema.optional(),
  /** Name of an `/ip/pool` (or a single address) handed to clients. */
  remoteAddressPool: RouterNameSchema.optional(),
  dnsServers: z.array(Ipv4Schema).min(1).max(4).optional(),
  parentQueue: RouterNameSchema.optional(),
  /**
   * Our plan id; the profile's comment becomes `rtrw:<planId>`. Without it (a profile that is no
   * plan, such as an isolation profile) the comment is `rtrw:${UNASSIGNED_PLAN_ID}`: still ours.
   */
  planId: IdSchema.optional(),
});

export const EnsureSecretArgsSchema = z.object({
  name: RouterNameSchema,
  password: z.string().min(1).max(128),
  profile: RouterNameSchema,
  service: z.literal("pppoe"),
  /**
   * Our customer id; stored on the router as `comment=rtrw:<id>`. A secret of that name without our
   * tag (made by hand) is never taken over: the op fails with `not_managed`.
   */
  comment: IdSchema,
  disabled: z.boolean(),
});

export const SetSecretDisabledArgsSchema = z.object({ name: RouterNameSchema, disabled: z.boolean() });

/**
 * Removes the named object when it carries our comment tag. One an operator made by hand is never
 * removed: the op then fails with `not_managed`.
 */
export const EnsureAbsentArgsSchema = z.object({ path: ManagedPathSchema, name: RouterNameSchema });

export const NameArgsSchema = z.object({ name: RouterNameSchema });
export const NoArgsSchema = z.object({});

/**
 * How the connector reaches the ISP's mail server: `none` plain, `starttls` upgrade required, `tls`
 * TLS from the first byte (465), `opportunistic` STARTTLS when offered. Certificates are always
 * verified (a private CA is trusted through the connector's `NODE_EXTRA_CA_CERTS`).
 */
export const SmtpSecureSchema = z.enum(["none", "starttls", "tls", "opportunistic"]);

/** One line of a header: no CR/LF, so nothing can be injected into the message. */
const HeaderTextSchema = z
  .string()
  .max(998)
  .regex(/^[^\r\n]*$/, "a single line");
const MailboxSchema = z
  .string()
  .min(3)
  .max(254)
  .regex(/^[^\s<>@,;]+@[^\s<>@,;]+$/, "an email address");

/** `sendMail` (not a router op): relay one rendered email through the ISP's own SMTP server. */
export const SendMailArgsSchema = z.object({
  transport: z.object({
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    secure: SmtpSecureSchema,
    username: z.string().min(1).max(254).optional(),
    /** Decrypted by the cloud for this send only; it travels inside the authenticated WebSocket. */
    password: z.string().max(512).optional(),
  }),
  mail: z.object({
    from: z.object({ name: HeaderTextSchema.max(200), address: MailboxSchema }),
    to: MailboxSchema,
    subject: HeaderTextSchema,
    text: z.string().max(512 * 1024),
    html: z.string().max(512 * 1024),
    headers: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,75}$/, "a header name"), HeaderTextSchema).optional(),
  }),
});
export type SendMailArgs = z.infer<typeof SendMailArgsSchema>;

/** `op` + `args` as one discriminated union; the command message spreads it. */
export const OpSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("ensureProfile"), args: EnsureProfileArgsSchema }),
  z.object({ op: z.literal("ensureSecret"), args: EnsureSecretArgsSchema }),
  z.object({ op: z.literal("setSecretDisabled"), args: SetSecretDisabledArgsSchema }),
  z.object({ op: z.literal("ensureAbsent"), args: EnsureAbsentArgsSchema }),
  z.object({ op: z.literal("kickSession"), args: NameArgsSchema }),
  z.object({ op: z.literal("getSession"), args: NameArgsSchema }),
  z.object({ op: z.literal("listManaged"), args: NoArgsSchema }),
  z.object({ op: z.literal("testRouter"), args: NoArgsSchema }),
  z.object({ op: z.literal("sendMail"), args: SendMailArgsSchema }),
]);
export type Op = z.infer<typeof OpSchema>;
export type OpName = Op["op"];
export type OpArgs<N extends OpName> = Extract<Op, { op: N }>["args"];

/**
 * Ops of the connector itself, not of a router: their command carries no `routerId`. Every other
 * op needs one (a command without it is answered `invalid_command`).
 */
export const CONNECTOR_OPS = ["sendMail"] as const satisfies readonly OpName[];
export type ConnectorOp = Extract<Op, { op: (typeof CONNECTOR_OPS)[number] }>;
export type RouterOp = Exclude<Op, ConnectorOp>;

export function isRouterOp(op: Op): op is RouterOp {
  return !(CONNECTOR_OPS as readonly string[]).includes(op.op);
}

/** What `ensure*` did: the router already matched, or we created/updated the object. */
const EnsureResultSchema = z.object({
  id: z.string(),
  action: z.enum(["created", "updated", "unchanged"]),
  /** Properties that differed and were set (empty when unchanged). */
  changed: z.array(z.string()),
});

export const SessionSchema = z.object({
  name: z.string(),
  service: z.string(),
  address: z.string().optional(),
  callerId: z.string().optional(),
  uptimeSeconds: z.number().int().nonnegative(),
});

/** The `data` of a successful result, per op. The cloud parses `result.data` with these. */
export const OpResultSchemas = {
  ensureProfile: EnsureResultSchema,
  ensureSecret: EnsureResultSchema,
  setSecretDisabled: z.object({ id: z.string(), changed: z.boolean() }),
  ensureAbsent: z.object({ removed: z.boolean() }),
  kickSession: z.object({ kicked: z.number().int().nonnegative() }),
  getSession: z.object({ session: SessionSchema.nullable() }),
  listManaged: z.object({
    secrets: z.array(
      z.object({
        name: z.string(),
        customerId: IdSchema,
        profile: z.string(),
        disabled: z.boolean(),
        /**
         * The secret's password, when RouterOS shows it to the API user (a group with the `sensitive`
         * policy, e.g. full): reconciliation compares it with the stored one and never returns it.
         */
        password: z.string().optional(),
      }),
    ),
    profiles: z.array(z.object({ name: z.string(), planId: IdSchema, rateLimit: z.string() })),
  }),
  testRouter: z.object({
    identity: z.string(),
    version: z.string(),
    boardName: z.string().optional(),
    uptimeSeconds: z.number().int().nonnegative(),
    cpuLoad: z.number().int().min(0).max(100),
    freeMemory: z.number().int().nonnegative(),
    totalMemory: z.number().int().nonnegative(),
  }),
  sendMail: z.object({
    messageId: z.string().max(998),
    /** The server's final reply, e.g. `250 2.0.0 Ok: queued as 4F2A1`. */
    response: z.string().max(2000),
  }),
} satisfies Record<OpName, z.ZodType>;
export type OpResult<N extends OpName> = z.infer<(typeof OpResultSchemas)[N]>;
