import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";

/** bcrypt cost 12 (product.md §8). */
export const BCRYPT_COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

// Compared against when the email is unknown, so both paths cost one bcrypt comparison.
const DUMMY_HASH = "$2b$12$MGo3pja8G7SalB0ejPZEbekOcUBquqmw4NO4kH/7P0BPGr7pbN6im";

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash || DUMMY_HASH);
  return ok && Boolean(hash);
}

/** A readable random password for generated accounts (about 80 bits). */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(16);
  let out = "";
  for (let i = 0; i < 16; i++) out += alphabet[bytes[i] % alphabet.length];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}`;
}
