import "server-only";

import { getDb } from "@/db";
import { dbDigest } from "@/testing/db-digest";
import { securityFixtures } from "@/testing/http-fixtures";

/**
 * For e2e/security-http.spec.ts: a fingerprint of every table a mutation could touch (a refused
 * call must not change it), and the spec's own fixtures.
 */
export const securityHook = {
  digest: async () => Response.json(await dbDigest(await getDb())),
  fixtures: async (request: Request) => {
    const { tag } = (await request.json()) as { tag: string };
    return Response.json(
      await securityFixtures(
        await getDb(),
        String(tag)
          .replace(/[^a-z0-9]/gi, "")
          .slice(0, 20),
      ),
    );
  },
};
