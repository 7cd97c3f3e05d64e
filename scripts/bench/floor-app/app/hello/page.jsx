// The least a page can be: one heading, rendered on every request.
export const dynamic = "force-dynamic";

export default function Hello() {
  return <h1>Bonjour</h1>;
}
