/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let the e2e suite, the benchmark and a developer's
  // own build coexist without overwriting each other.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite loads its WASM and data files by path; bundling it breaks that at runtime.
  serverExternalPackages: ["@electric-sql/pglite", "sharp"],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "12mb" },
  },
};

export default nextConfig;
