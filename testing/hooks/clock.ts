import "server-only";

import { z } from "zod";

import { getCurrentUser } from "@/lib/auth/session";
import { now, setTestClock } from "@/lib/clock";
import { canEmbargo } from "@/lib/permissions";

/**
 * Sets the server's application clock (lib/clock.ts) for embargo and scheduler specs: `{ at }`
 * makes it that instant from now on, `{ at: null }` puts it back on the system clock. GET says
 * what time the server thinks it is. It moves what falls due, never the sessions or the logs.
 * Setting it is authorised like setting an embargo (an editor or an admin).
 */
export const clockHook = {
  async get(): Promise<Response> {
    return Response.json({ now: now().toISOString() });
  },
  async set(request: Request): Promise<Response> {
    const user = await getCurrentUser();
    if (!user || !canEmbargo(user).ok) return Response.json({ ok: false }, { status: 403 });
    const input = z.object({ at: z.iso.datetime({ offset: true }).nullable() }).safeParse(await request.json());
    if (!input.success) return Response.json({ ok: false }, { status: 400 });
    setTestClock(input.data.at === null ? null : new Date(input.data.at));
    return Response.json({ ok: true, now: now().toISOString() });
  },
};
