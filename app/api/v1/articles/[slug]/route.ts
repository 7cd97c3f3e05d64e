import { contentApiRoute } from "@/lib/content-api/routes";

// The answer is lib/content-api/routes.ts's, as for every path under /api/v1 (the production server answers them itself).
export const dynamic = "force-dynamic";
export const GET = contentApiRoute;
export const OPTIONS = contentApiRoute;
