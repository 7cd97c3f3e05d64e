import { requestLog } from "@/lib/observability/request-log";

/**
 * Route handlers read the database; when it fails (restart, lost connections) a machine client
 * (feed reader, crawler) should get a retryable answer, not a bare 500 with an empty body.
 */
export function retryable<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      (await requestLog()).error({ err: error }, "route handler failed");
      return new Response("Service temporarily unavailable. Try again in a moment.\n", {
        status: 503,
        headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "30", "cache-control": "no-store" },
      });
    }
  };
}
