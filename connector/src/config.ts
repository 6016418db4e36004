import { readFileSync } from "node:fs";
import { BlockList, isIP } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { CONNECT_PATH, parseConnectorToken } from "../../src/protocol/index.ts";
import { parseCidr } from "./allow-list.ts";

/**
 * Command line, environment and an optional JSON file, in that order of precedence:
 *
 *   rtrwnet-connector --server https://isp.example.id --token <enrollment token | id.secret> [--state-dir DIR] [--check]
 *
 * Env: RTRW_SERVER, RTRW_TOKEN, RTRW_STATE_DIR, RTRW_LOG_LEVEL, RTRW_ALLOW_NETWORKS, RTRW_CONFIG (the
 * JSON file). A token on the command line shows in `ps`; the environment or the file (mode 600) keep
 * it out of sight.
 */
export const LogLevelSchema = z.enum(["debug", "info", "warn", "error"]);

/** Addresses that are this machine: a plain `ws://` there never crosses a network. */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/**
 * Why `server` may not be used, if it may not: plain `ws://` (or `http://`, which becomes `ws://`)
 * to anything but this machine. The socket carries the connector's credential and, in `config`,
 * the routers' API passwords; only TLS keeps them from whoever is on the path.
 */
export function insecureServerReason(server: string): string | undefined {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return undefined; // not a URL at all: the schema says so
  }
  if (url.protocol !== "ws:" && url.protocol !== "http:") return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const version = isIP(host);
  const loopback = host === "localhost" || (version !== 0 && LOOPBACK.check(host, version === 4 ? "ipv4" : "ipv6"));
  if (loopback) return undefined;
  return (
    `${url.protocol}// is allowed only to this machine (localhost, 127.0.0.0/8, ::1), not to ${url.hostname}: ` +
    "use wss:// (or https://), the connection carries this connector's credential and the routers' passwords"
  );
}

/** `allowNetworks` from the environment or the command line: CIDRs separated by commas or spaces. */
const splitNetworks = (text: string) => text.split(/[\s,]+/).filter(Boolean);

export const ConnectorConfigSchema = z.object({
  /** Where the cloud is: https://…, wss://… (http/ws only to this machine, for local development). */
  server: z.url({ protocol: /^(https?|wss?)$/ }).superRefine((server, ctx) => {
    const reason = insecureServerReason(server);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  }),
  /** Needed until the connector has enrolled; the stored credential is used after that. */
  token: z
    .string()
    .refine((t) => parseConnectorToken(t) !== undefined, "neither an enrollment token nor <connectorId>.<secret>")
    .optional(),
  stateDir: z.string().min(1),
  check: z.boolean(),
  logLevel: LogLevelSchema,
  /**
   * The only networks device probes and relayed mail may go to (CIDRs, `10.0.0.0/8`, one address
   * `192.168.88.5`); absent: anywhere the cloud asks.
   */
  allowNetworks: z
    .array(z.string().refine((c) => parseCidr(c) !== undefined, "not a network (CIDR such as 10.0.0.0/8)"))
    .min(1)
    .optional(),
});
export type ConnectorConfig = z.infer<typeof ConnectorConfigSchema>;

const FileSchema = z
  .object({
    server: z.string(),
    token: z.string(),
    stateDir: z.string(),
    logLevel: z.string(),
    allowNetworks: z.union([z.array(z.string()), z.string().transform(splitNetworks)]),
  })
  .partial();

export const USAGE = `Usage: rtrwnet-connector --server <url> [--token <token>] [--state-dir <dir>] [--check]

  --server <url>      the RT/RW Net cloud, e.g. https://isp.example.id        (env RTRW_SERVER)
  --token <token>     enrollment token (first run) or <connectorId>.<secret>  (env RTRW_TOKEN)
  --state-dir <dir>   where the credential, router list and buffer live        (env RTRW_STATE_DIR)
  --config <file>     JSON file with server, token, stateDir, logLevel,
                      allowNetworks                                            (env RTRW_CONFIG)
  --log-level <lvl>   debug | info | warn | error                              (env RTRW_LOG_LEVEL)
  --allow-networks <cidrs>  the only networks devices may be probed and mail
                      relayed to, e.g. 10.0.0.0/8,192.168.88.0/24  (env RTRW_ALLOW_NETWORKS)
  --check             diagnose the cloud link and every router, then exit
  --help, --version`;

export type ParsedConfig =
  | { ok: true; config: ConnectorConfig }
  | { ok: false; error: string }
  | { ok: "help" }
  | { ok: "version" };

/** Default state directory: systemd's `StateDirectory=` when set, else `~/.rtrwnet-connector`. */
function defaultStateDir(env: NodeJS.ProcessEnv): string {
  return env.STATE_DIRECTORY?.split(":")[0] || join(env.HOME || homedir(), ".rtrwnet-connector");
}

export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        server: { type: "string" },
        token: { type: "string" },
        "state-dir": { type: "string" },
        config: { type: "string" },
        "log-level": { type: "string" },
        "allow-networks": { type: "string" },
        check: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  if (values.help) return { ok: "help" };
  if (values.version) return { ok: "version" };
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  let file: z.infer<typeof FileSchema> = {};
  const configPath = str(values.config) ?? str(env.RTRW_CONFIG);
  if (configPath) {
    try {
      const parsed = FileSchema.safeParse(JSON.parse(readFileSync(configPath, "utf8")));
      if (!parsed.success) return { ok: false, error: `${configPath}: ${parsed.error.issues[0]?.message}` };
      file = parsed.data;
    } catch (e) {
      return { ok: false, error: `${configPath}: ${e instanceof Error ? e.message : e}` };
    }
  }
  const networksText = str(values["allow-networks"]) ?? str(env.RTRW_ALLOW_NETWORKS);
  const result = ConnectorConfigSchema.safeParse({
    server: str(values.server) ?? str(env.RTRW_SERVER) ?? file.server,
    token: str(values.token) ?? str(env.RTRW_TOKEN) ?? file.token,
    stateDir: str(values["state-dir"]) ?? str(env.RTRW_STATE_DIR) ?? file.stateDir ?? defaultStateDir(env),
    check: values.check === true,
    logLevel: str(values["log-level"]) ?? str(env.RTRW_LOG_LEVEL) ?? file.logLevel ?? "info",
    allowNetworks: networksText === undefined ? file.allowNetworks : splitNetworks(networksText),
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join(".") || "config";
    const where =
      field === "server"
        ? " (--server or RTRW_SERVER)"
        : field.startsWith("allowNetworks")
          ? " (--allow-networks or RTRW_ALLOW_NETWORKS)"
          : "";
    return { ok: false, error: `${field}: ${issue?.message}${where}` };
  }
  return { ok: true, config: result.data };
}

/** The gateway's WebSocket URL for a server given as an origin (or as the full endpoint). */
export function connectUrl(server: string): string {
  const url = new URL(server);
  if (url.protocol === "https:") url.protocol = "wss:";
  if (url.protocol === "http:") url.protocol = "ws:";
  if (url.pathname === "" || url.pathname === "/") url.pathname = CONNECT_PATH;
  return url.toString();
}
