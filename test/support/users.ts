import type { Role } from "../../src/services/context";
import { api, describe } from "./api";
import type { Session } from "./harness";

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  isActive: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

let n = 0;

/** A fresh, valid user body (unique email), with overrides. */
export function newUserBody(overrides: Partial<{ email: string; name: string; role: Role; password: string }> = {}) {
  n += 1;
  const tag = `${Date.now().toString(36)}${n}${Math.random().toString(36).slice(2, 6)}`;
  return {
    email: `user-${tag}@example.id`,
    name: `User ${tag}`,
    role: "viewer" as Role,
    password: "pass-word-123",
    ...overrides,
  };
}

/** Creates a user through the API as `admin`; throws unless 201. */
export async function createUserVia(admin: Session, overrides: Parameters<typeof newUserBody>[0] = {}) {
  const body = newUserBody(overrides);
  const res = await api<UserView>("/api/v1/users", { headers: admin.headers, body });
  if (res.status !== 201) throw new Error(`could not create user: ${describe(res)}`);
  return { ...res.body, password: body.password };
}
