import { z } from "@hono/zod-openapi";
import { PageQuerySchema, searchQuery } from "../../lib/pagination";
import { ROLES } from "../../services/context";
import { ChangePasswordInput, CreateUserInput, UpdateUserInput } from "../../services/users/schemas";
import { UserSchema } from "../auth/schema";
import { pageSchema } from "../shared";

export { UserSchema };

export const CreateUserBody = CreateUserInput.strict().openapi("CreateUser", {
  description: "A staff account of the tenant. Passwords: 10–256 characters; stored only as a PBKDF2 hash.",
  example: { email: "siti@warungnet.id", name: "Siti Rahma", role: "operator", password: "ganti-password-ini" },
});

export const UpdateUserBody = UpdateUserInput.strict().openapi("UpdateUser", {
  description: "Any of name, role and isActive. The last active admin cannot be demoted or deactivated (409).",
  example: { role: "technician" },
});

export const ChangePasswordBody = ChangePasswordInput.strict().openapi("ChangePassword", {
  example: { current_password: "ganti-password-ini", new_password: "kata-sandi-baru-2026" },
});

export const UserIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: "0b6f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55" }),
});

export const ListUsersQuery = PageQuerySchema.extend({
  role: z.enum(ROLES).optional().openapi({ description: "Only users of this role", example: "operator" }),
  active: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .openapi({ description: "Only active (true) or deactivated (false) users", example: "true" }),
  search: searchQuery("Matches name or email, literally", "siti"),
});

export const UserListSchema = pageSchema(UserSchema, "UserList");
