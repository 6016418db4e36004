import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { users } from "../../db/schema";
import type { Role } from "../context";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  isActive: boolean;
  passwordChangedAt: Date | null;
  sessionsValidAfter: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

/** The user row an access token names, read inside the tenant's transaction (RLS applies). */
export async function loadUser(tx: Tx, userId: string): Promise<CurrentUser | undefined> {
  const [u] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      isActive: users.isActive,
      passwordChangedAt: users.passwordChangedAt,
      sessionsValidAfter: users.sessionsValidAfter,
      lastLoginAt: users.lastLoginAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return u;
}

/** The user as the API shows it (no hash, ever). */
export function toUserView(u: CurrentUser) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    isActive: u.isActive,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
export type UserView = ReturnType<typeof toUserView>;
