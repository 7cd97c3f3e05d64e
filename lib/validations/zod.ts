import { z } from "zod";

/**
 * zod for modules the browser loads too. In the browser zod first tries `Function("")` to see
 * whether it may compile fast parsers; the Content-Security-Policy forbids eval, so the probe only
 * fails and reports a CSP violation. Without JIT it never probes. The server keeps the JIT.
 */
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
