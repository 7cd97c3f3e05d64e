import { requireEnv, type Env } from "@/lib/env";
import { loadEnvFiles } from "@/server/env-files.mjs";

/**
 * The first call of every script: the `.env*` files the server would read, then the checked
 * configuration (a bad variable stops the script with one line naming it).
 */
export function scriptEnv(mode: "script" | "server" = "script"): Env {
  loadEnvFiles();
  return requireEnv(mode);
}
