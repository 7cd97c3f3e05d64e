export const ROLES = ["journalist", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Editors and admins share every editorial power; admins add user management and settings. */
export function isEditorial(role: Role): boolean {
  return role === "editor" || role === "admin";
}
