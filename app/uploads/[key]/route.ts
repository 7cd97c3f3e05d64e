import { getStorage, StorageUnavailableError } from "@/lib/storage";

/** Serves uploaded images. Keys are random and immutable, so they are cached for a year. */
export async function GET(_req: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  let file;
  try {
    file = await getStorage().get(key);
  } catch (error) {
    if (!(error instanceof StorageUnavailableError)) throw error;
    console.error(error.message, error.cause);
    // Not a 404: the image exists, the store is briefly out of reach, and nobody may cache that.
    return new Response("Storage unavailable", { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } });
  }
  if (!file) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.data), {
    headers: {
      "Content-Type": file.contentType,
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
