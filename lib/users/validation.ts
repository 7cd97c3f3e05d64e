import { ROLES } from "@/lib/roles";
import { z } from "@/lib/validations/zod";

const uuid = z.string().regex(/^[0-9a-f-]{36}$/i, "Unknown user.");
export const roleSchema = z.enum(ROLES, { message: "Choose journalist, editor or admin." });

export const createUserSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(120, "At most 120 characters."),
  email: z.string().trim().max(320, "At most 320 characters.").email("Enter a valid email address, like name@example.org."),
  role: roleSchema,
});
export const changeRoleSchema = z.object({ userId: uuid, role: roleSchema });
export const setActiveSchema = z.object({ userId: uuid, active: z.enum(["true", "false"]).transform((v) => v === "true") });
export const resetPasswordSchema = z.object({ userId: uuid });

/** bcrypt reads only the first 72 bytes, so longer passwords would silently be cut. */
const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .refine((p) => Buffer.byteLength(p, "utf8") <= 72, "Use at most 72 bytes (about 70 plain characters).");
const samePasswords = (v: { password: string; confirm: string }) => v.password === v.confirm;
const differ = { path: ["confirm"], message: "The two passwords differ." };

export const newPasswordSchema = z.object({ password: passwordSchema, confirm: z.string() }).refine(samePasswords, differ);

/** The first-run setup: the first admin names themselves and chooses their password. */
export const firstAdminSchema = z
  .object({ name: createUserSchema.shape.name, email: createUserSchema.shape.email, password: passwordSchema, confirm: z.string() })
  .refine(samePasswords, differ);
