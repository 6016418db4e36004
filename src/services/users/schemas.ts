import { z } from "zod";
import { ROLES } from "../context";
import { EmailSchema, PasswordSchema, PlainNameSchema } from "../tenants/schemas";

export const CreateUserInput = z.object({
  email: EmailSchema,
  name: PlainNameSchema,
  role: z.enum(ROLES),
  password: PasswordSchema,
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

/** Email and password are not changed here: the email is the sign-in name, the password is the user's own. */
export const UpdateUserInput = z
  .object({
    name: PlainNameSchema,
    role: z.enum(ROLES),
    isActive: z.boolean(),
  })
  .partial();
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const ChangePasswordInput = z.object({
  current_password: z.string().min(1).max(256),
  new_password: PasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export interface ListUsersFilter {
  page: number;
  limit: number;
  role?: (typeof ROLES)[number];
  active?: boolean;
  /** Matches name or email, literally (no wildcards). */
  search?: string;
}
