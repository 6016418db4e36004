import { z } from "zod";
import { DEVICE_STATUSES, DEVICE_TYPES } from "../../db/schema";
import { PageQuerySchema, searchQuery } from "../../lib/pagination";
import { PlainNameSchema } from "../tenants/schemas";
import { canonicalIp } from "./ip-address";

/** An IPv4 or IPv6 address (Property 22), turned into its canonical text. */
export const IpAddressSchema = z
  .string()
  .trim()
  .max(64)
  .transform((text, ctx) => {
    const ip = canonicalIp(text);
    if (ip === null) {
      ctx.addIssue({ code: "custom", message: "must be an IPv4 or IPv6 address" });
      return z.NEVER;
    }
    return ip;
  })
  .meta({ description: "IPv4 or IPv6 address; stored in canonical form (RFC 5952)", example: "192.168.88.2" });

/** A TCP port. 8728 is the RouterOS API port (8729 with TLS). */
export const PortSchema = z.number().int().min(1).max(65535);

/** A login name on the equipment: printable ASCII without spaces. */
export const LoginNameSchema = z
  .string()
  .trim()
  .regex(/^[\x21-\x7e]{1,64}$/, "1–64 printable characters without spaces")
  .meta({ description: "Login on the equipment", example: "monitor" });

/** Taken verbatim (no trimming: a space may be part of it); stored encrypted, never returned. */
export const DevicePasswordSchema = z
  .string()
  .min(1)
  .max(128)
  .meta({ description: "Write-only; stored encrypted (AES-256-GCM), never returned", example: "s3cret-pass" });

/**
 * Free text shown as a label (a location, a title), up to `max` characters, without markup
 * characters (the XSS policy: reject, don't rewrite). `PlainNameSchema.max(n)` cannot raise its
 * 120-character cap, hence a schema of its own.
 */
export function plainTextSchema(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[<>]/.test(s), "must not contain < or >");
}

export const LocationSchema = plainTextSchema(200).meta({
  description: "Where it is installed",
  example: "Tiang depan Masjid Al-Ikhlas, RT 03",
});

/** Fields of a device without defaults, so the PATCH schema (`.partial()`) never fills any in. */
const deviceFields = {
  name: PlainNameSchema.max(100).meta({ description: "Display name", example: "OLT Gang Melati" }),
  type: z.enum(DEVICE_TYPES).meta({ description: "olt | router | switch | ap", example: "olt" }),
  ipAddress: IpAddressSchema,
  port: PortSchema.meta({ description: "Management port, 1–65535", example: 8728 }),
  username: LoginNameSchema.nullable(),
  password: DevicePasswordSchema.nullable().meta({
    description:
      "Write-only; null removes the stored password. Required on an update that changes ipAddress, port or connectorId while one is stored",
  }),
  location: LocationSchema.nullable(),
  connectorId: z
    .uuid()
    .nullable()
    .meta({
      description:
        "The tenant's connector that probes this device (a TCP connect to ipAddress:port every 30 s); " +
        "null: not probed, status stays unknown",
      example: "9a43c1e5-2f0d-4c8e-8b7d-6c1b7e553f2a",
    }),
};

export const CreateDeviceInput = z.object({
  ...deviceFields,
  port: deviceFields.port.default(8728),
  username: deviceFields.username.optional(),
  password: deviceFields.password.optional(),
  location: deviceFields.location.optional(),
  connectorId: deviceFields.connectorId.optional(),
});
export type CreateDeviceInput = z.infer<typeof CreateDeviceInput>;

export const UpdateDeviceInput = z.object(deviceFields).partial();
export type UpdateDeviceInput = z.infer<typeof UpdateDeviceInput>;

export const ListDevicesQuery = PageQuerySchema.extend({
  type: z.enum(DEVICE_TYPES).optional().meta({ description: "Only devices of this type", example: "ap" }),
  status: z.enum(DEVICE_STATUSES).optional().meta({ description: "Only devices in this state", example: "offline" }),
  connectorId: z.uuid().optional().meta({ description: "Only devices probed by this connector" }),
  search: searchQuery("Part of the name, IP address or location", "Melati"),
});
export type ListDevicesQuery = z.infer<typeof ListDevicesQuery>;
