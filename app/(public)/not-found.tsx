import { NotFoundView } from "@/components/public/not-found-view";

// A reader who followed a dead link gets a way on: the search box and the latest articles.
export default function PublicNotFound() {
  return <NotFoundView />;
}
