import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/bcrypt";

/** bcrypt cost 12. */
export const BCRYPT_COST = 12;

/**
 * How many hashes and comparisons this process has run: a real counter, so tests can prove that
 * a path did no bcrypt work (an invalid set-password link, say) without spying on the module.
 */
export const passwordWork = { hashes: 0, verifications: 0 };

/**
 * Native bcrypt (@node-rs/bcrypt): it runs on libuv's thread pool, so a hash (about 250 ms at
 * cost 12) never holds the event loop. Same $2b$ hashes as bcryptjs, which made the existing
 * ones ($2a$/$2b$); those still verify.
 */
export function hashPassword(password: string): Promise<string> {
  passwordWork.hashes++;
  return hash(password, BCRYPT_COST);
}

// Compared against when the email is unknown, so both paths cost one bcrypt comparison.
const DUMMY_HASH = "$2b$12$MGo3pja8G7SalB0ejPZEbekOcUBquqmw4NO4kH/7P0BPGr7pbN6im";

export async function verifyPassword(password: string, storedHash: string | null | undefined): Promise<boolean> {
  passwordWork.verifications++;
  let ok = false;
  try {
    ok = await verify(password, storedHash || DUMMY_HASH);
  } catch {
    ok = false; // a malformed stored hash never lets anyone in, and is not a server error
  }
  return ok && Boolean(storedHash);
}

/** A readable random password for generated accounts (about 80 bits). */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(16);
  let out = "";
  for (let i = 0; i < 16; i++) out += alphabet[bytes[i] % alphabet.length];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}`;
}
