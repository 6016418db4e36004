import { z } from "@hono/zod-openapi";
import { DEVICE_STATUSES, DEVICE_TYPES } from "../../db/schema";
import {
  CreateDeviceInput,
  ListDevicesQuery as ListDevicesInput,
  UpdateDeviceInput,
} from "../../services/devices/schemas";
import { pageSchema } from "../shared";

const TIMESTAMP = "2026-11-24T08:00:00.000Z";

export const DeviceSchema = z
  .object({
    id: z.uuid().openapi({ example: "3f2a1c0e-8b7d-4e6f-9a43-2f0d6c1b7e55" }),
    name: z.string().openapi({ example: "OLT Gang Melati" }),
    type: z.enum(DEVICE_TYPES).openapi({ example: "olt" }),
    ipAddress: z.string().openapi({ description: "Canonical IPv4 or IPv6 text", example: "192.168.88.2" }),
    port: z.number().int().openapi({ description: "Management port", example: 8728 }),
    username: z.string().nullable().openapi({ example: "monitor" }),
    hasPassword: z
      .boolean()
      .openapi({ description: "Whether a password is stored (it is never returned)", example: true }),
    location: z.string().nullable().openapi({ example: "Tiang depan Masjid Al-Ikhlas, RT 03" }),
    connectorId: z.uuid().nullable().openapi({
      description: "The connector that probes it (null: not probed)",
      example: "9a43c1e5-2f0d-4c8e-8b7d-6c1b7e553f2a",
    }),
    status: z.enum(DEVICE_STATUSES).openapi({
      description:
        "Read-only, from probing: online (its connector's last TCP connect to ipAddress:port succeeded), " +
        "offline (it failed; an alert is open), unknown (not probed yet, no connector, or its connector is away)",
      example: "online",
    }),
    lastSeen: z.string().nullable().openapi({ description: "Last successful probe (UTC)", example: TIMESTAMP }),
    createdAt: z.string().openapi({ example: TIMESTAMP }),
    updatedAt: z.string().openapi({ example: TIMESTAMP }),
  })
  .openapi("Device");

export const CreateDeviceBody = CreateDeviceInput.strict().openapi("CreateDevice", {
  example: {
    name: "OLT Gang Melati",
    type: "olt",
    ipAddress: "192.168.88.2",
    username: "monitor",
    password: "s3cret-pass",
  },
});

export const UpdateDeviceBody = UpdateDeviceInput.strict().openapi("UpdateDevice", {
  example: { location: "Gardu RW 05", port: 8729 },
});

export const DeviceIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: "3f2a1c0e-8b7d-4e6f-9a43-2f0d6c1b7e55" }),
});

export const ListDevicesQuery = ListDevicesInput.openapi("ListDevicesQuery");

export const DeviceListSchema = pageSchema(DeviceSchema, "DeviceList");
