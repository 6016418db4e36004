import { z } from "zod";
import type { EmailTemplate } from "../types";
import { notice, text } from "./notice";

const schema = z.object({
  name: text(),
  email: text(320),
  /** The single-use unlock link (GET shows a confirm page; its POST ends the lock). */
  unlockUrl: z.url().max(2048),
  validMinutes: z.number().int().positive(),
});

/**
 * To a staff member whose sign-ins were locked after repeated wrong passwords: one per lock (not per
 * attempt), with a link that ends the lock. A browser that has signed in before is not locked out.
 */
export const accountLocked: EmailTemplate<typeof schema> = {
  name: "account_locked",
  schema,
  render: {
    id: (d) =>
      notice("Akun Anda dikunci sementara", {
        greeting: `Halo ${d.name},`,
        lines: [
          `Ada beberapa percobaan masuk dengan kata sandi salah ke akun ${d.email}, jadi login ke akun ini dikunci sementara.`,
          "Perangkat yang pernah Anda gunakan untuk masuk tetap bisa masuk dengan kata sandi yang benar.",
          `Untuk membuka kunci sekarang, buka tautan ini (berlaku ${d.validMinutes} menit, sekali pakai): ${d.unlockUrl}`,
        ],
        facts: [],
        closing: "Jika percobaan itu bukan dari Anda, sebaiknya ganti kata sandi Anda setelah masuk.",
      }),
    en: (d) =>
      notice("Your account was locked for a while", {
        greeting: `Hello ${d.name},`,
        lines: [
          `There were several sign-in attempts with a wrong password on ${d.email}, so its sign-ins are locked for a while.`,
          "A device you have signed in from before can still sign in with the right password.",
          `To unlock now, open this link (valid ${d.validMinutes} minutes, once): ${d.unlockUrl}`,
        ],
        facts: [],
        closing: "If those attempts were not yours, change your password once you are signed in.",
      }),
  },
};
