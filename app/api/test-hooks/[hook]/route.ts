export const dynamic = "force-dynamic";

type Context = { params: Promise<{ hook: string }> };

/**
 * TEST ONLY: the e2e runner's hooks into the server (testing/hooks). scripts/e2e-server.mjs sets
 * E2E_TEST_HOOKS=1; anywhere else every hook is 404, and the test code is never even loaded.
 */
async function handle(request: Request, { params }: Context): Promise<Response> {
  if (process.env.E2E_TEST_HOOKS !== "1") return new Response("Not found", { status: 404 });
  const { runTestHook } = await import("@/testing/hooks");
  return runTestHook((await params).hook, request);
}

export { handle as GET, handle as POST };
