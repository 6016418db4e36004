import { z } from "zod";
import { formatInstant } from "../format";
import type { EmailTemplate } from "../types";
import { instant, notice, text } from "./notice";

const schema = z.object({
  deviceName: text(),
  deviceType: text(32),
  /** An IP address, or a router's DNS host name (up to 253 characters). */
  ipAddress: text(255),
  lastSeen: instant().nullish(),
});

/** To the admins and technicians, when a device or router stops answering (offline detection). */
export const deviceOffline: EmailTemplate<typeof schema> = {
  name: "device_offline",
  schema,
  render: {
    id: (d, b) =>
      notice(`Perangkat ${d.deviceName} offline`, {
        lines: ["Perangkat jaringan berikut tidak merespons dan dianggap offline."],
        facts: [
          ["Perangkat", d.deviceName],
          ["Jenis", d.deviceType],
          ["Alamat IP", d.ipAddress],
          ["Terakhir terlihat", d.lastSeen ? formatInstant(d.lastSeen, "id", b.timeZone) : "tidak pernah"],
        ],
        closing: "Mohon periksa catu daya dan koneksi perangkat tersebut.",
      }),
    en: (d, b) =>
      notice(`Device ${d.deviceName} is offline`, {
        lines: ["The following network device stopped responding and is considered offline."],
        facts: [
          ["Device", d.deviceName],
          ["Type", d.deviceType],
          ["IP address", d.ipAddress],
          ["Last seen", d.lastSeen ? formatInstant(d.lastSeen, "en", b.timeZone) : "never"],
        ],
        closing: "Please check the device's power and network connection.",
      }),
  },
};
