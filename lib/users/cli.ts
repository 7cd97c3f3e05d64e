import { parseArgs } from "node:util";
import { z } from "zod";

import type { Db } from "@/db";
import { insertEvent } from "@/db/queries/events";
import { getUserByEmail, insertUser, listUsers, updateUser } from "@/db/queries/users";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { ROLES } from "@/lib/roles";

export const USAGE = `Usage: npm run users -- <command> [options]
  create --email EMAIL --name NAME --role journalist|editor|admin [--password PASSWORD]
  list
  set-role --email EMAIL --role journalist|editor|admin
  deactivate --email EMAIL
  activate --email EMAIL`;

const email = z.string().trim().email("is not a valid email address");
const role = z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` });

export type CliIO = { out: (line: string) => void; err: (line: string) => void };

class CliError extends Error {}

function field<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  if (value === undefined || value === "") throw new CliError(`--${name} is required`);
  const r = schema.safeParse(value);
  if (!r.success) throw new CliError(`--${name} ${JSON.stringify(value)} ${r.error.issues[0]?.message ?? "is invalid"}`);
  return r.data;
}

/** The operators' users CLI, as a function of its arguments so tests can run it on a real database. */
export async function runUsersCli(argv: string[], db: Db, io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { values } = parseArgs({
      args: rest,
      options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, password: { type: "string" } },
      strict: true,
    });
    switch (command) {
      case "create": {
        const e = field(email, values.email, "email");
        const name = field(z.string().trim().min(1, "must not be empty").max(120, "is too long"), values.name, "name");
        const r = field(role, values.role, "role");
        if (values.password !== undefined && values.password.length < 10) throw new CliError("--password must be at least 10 characters");
        if (await getUserByEmail({ db, email: e })) throw new CliError(`a user with the email ${e} already exists`);
        const password = values.password ?? generatePassword();
        const user = await insertUser({ db, email: e, name, role: r, passwordHash: await hashPassword(password) });
        await insertEvent({ db, event: { type: "user.created", subjectUserId: user.id, data: { via: "cli", role: r } } });
        io.out(`Created ${r} ${e} (${name}).`);
        if (values.password === undefined) io.out(`Password: ${password}`);
        return 0;
      }
      case "list": {
        for (const u of await listUsers({ db })) {
          io.out(`${u.email}\t${u.name}\t${u.role}\t${u.active ? "active" : "deactivated"}`);
        }
        return 0;
      }
      case "set-role":
      case "deactivate":
      case "activate": {
        const e = field(email, values.email, "email");
        const user = await getUserByEmail({ db, email: e });
        if (!user) throw new CliError(`no user with the email ${e}`);
        if (command === "set-role") {
          const r = field(role, values.role, "role");
          await updateUser({ db, id: user.id, set: { role: r, updatedAt: new Date() }, endSessions: true });
          await insertEvent({ db, event: { type: "user.role_changed", subjectUserId: user.id, data: { via: "cli", from: user.role, to: r } } });
          io.out(`${e} is now ${r}.`);
        } else {
          const active = command === "activate";
          await updateUser({ db, id: user.id, set: { active, updatedAt: new Date() }, endSessions: true });
          await insertEvent({ db, event: { type: active ? "user.activated" : "user.deactivated", subjectUserId: user.id, data: { via: "cli" } } });
          io.out(`${e} is ${active ? "active" : "deactivated"}.`);
        }
        return 0;
      }
      default:
        io.err(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
        return 2;
    }
  } catch (error) {
    if (error instanceof CliError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`Error: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
}
