/**
 * The OpenAPI 3.1 description of /api/v1 (served at /api/v1/openapi.json). The tests validate it
 * with an OpenAPI validator and check every API answer they get against its schemas, so a change
 * to the JSON shapes (lib/content-api/serialize.ts) must change this too.
 */
const str = { type: "string" } as const;
const nullableStr = { type: ["string", "null"] } as const;
const dateTime = { type: ["string", "null"], format: "date-time" } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
  type: "object",
  additionalProperties: false,
  required,
  properties,
});
const page = (item: string) =>
  obj({ data: { type: "array", items: ref(item) }, next_cursor: { ...nullableStr, description: "Pass as `cursor` for the next page; null on the last." } });

const schemas = {
  Error: obj({ error: obj({ code: str, message: str, parameter: str }, ["code", "message"]) }),
  Image: obj({ src: { ...str, format: "uri" }, alt: str, credit: nullableStr, caption: nullableStr }),
  SectionRef: obj({ name: str, slug: str, url: { ...str, format: "uri" } }),
  Section: obj({ name: str, slug: str, url: { ...str, format: "uri" }, position: { type: "integer" } }),
  Tag: obj({ name: str, slug: str, url: { ...str, format: "uri" } }),
  Byline: obj({ slug: str, name: str, job_title: str, url: { ...str, format: "uri" } }),
  Author: obj({
    slug: str,
    name: str,
    job_title: str,
    bio: str,
    bio_language: str,
    photo_url: { type: ["string", "null"], format: "uri" },
    location: str,
    links: { type: "array", items: obj({ label: str, url: str }) },
    url: { ...str, format: "uri" },
  }),
  ArticleSummary: obj(articleSummaryProps()),
  Article: obj({
    ...articleSummaryProps(),
    highlights: { type: "array", items: str },
    body: { type: "object", description: "The body as a Tiptap (ProseMirror) JSON document.", required: ["type"], properties: { type: { const: "doc" } } },
    corrections: { type: "array", items: obj({ note: str, created_at: dateTime }) },
    seo: obj({
      title: nullableStr,
      description: nullableStr,
      social_title: nullableStr,
      social_description: nullableStr,
      social_image: { oneOf: [ref("Image"), { type: "null" }] },
      canonical_url: nullableStr,
    }),
  }),
  ArticlePage: page("ArticleSummary"),
  AuthorPage: page("Author"),
  TagPage: page("Tag"),
  SectionPage: page("Section"),
  ArticleResponse: obj({ data: ref("Article") }),
};

function articleSummaryProps() {
  return {
    id: { ...str, format: "uuid" },
    slug: str,
    url: { ...str, format: "uri" },
    headline: str,
    dek: str,
    language: str,
    section: { oneOf: [ref("SectionRef"), { type: "null" }] },
    tags: { type: "array", items: ref("Tag") },
    authors: { type: "array", items: ref("Byline") },
    featured_image: { oneOf: [ref("Image"), { type: "null" }] },
    published_at: dateTime,
    updated_at: dateTime,
    body_html: { ...str, description: "The body rendered to HTML on the server (the public page's markup)." },
  };
}

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });
const errors = {
  "401": errorResponse("No key, an unknown key or a revoked key."),
  "429": { ...errorResponse("Over the key's rate limit; retry after `Retry-After` seconds."), headers: { "Retry-After": { schema: { type: "integer" } } } },
};
const okResponse = (schema: string, description: string) => ({
  "200": { description, headers: { ETag: { schema: str } }, content: { "application/json": { schema: ref(schema) } } },
  "304": { description: "Not modified: the `If-None-Match` ETag is current." },
  ...errors,
});
const query = (name: string, description: string, schema: Record<string, unknown> = str) => ({ name, in: "query", required: false, description, schema });
const paging = [
  query("limit", "Items per page, 1–100 (default 20).", { type: "integer", minimum: 1, maximum: 100 }),
  query("cursor", "`next_cursor` of the previous page."),
];
const badParam = { "400": errorResponse("A parameter is malformed; `error.parameter` names it.") };

export function openApiDocument(origin: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Newsroom Content API",
      version: "1.0.0",
      description: "Read-only published content. Create a key on /newsroom/settings/api and send it as `Authorization: Bearer <key>`.",
    },
    servers: [{ url: `${origin}/api/v1` }],
    security: [{ apiKey: [] }],
    components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer" } }, schemas },
    paths: {
      "/articles": {
        get: {
          operationId: "listArticles",
          summary: "Published articles, newest first publication first.",
          parameters: [
            query("tag", "A tag slug."),
            query("section", "A section slug."),
            query("author", "An author slug."),
            query("updated_since", "Only articles whose live version changed at or after this date-time.", { type: "string", format: "date-time" }),
            ...paging,
          ],
          responses: { ...okResponse("ArticlePage", "A page of articles."), ...badParam },
        },
      },
      "/articles/{slug}": {
        get: {
          operationId: "getArticle",
          summary: "One published article, with its structured body and rendered HTML.",
          parameters: [{ name: "slug", in: "path", required: true, schema: str }],
          responses: {
            ...okResponse("ArticleResponse", "The article."),
            "308": { description: "The article moved to a new slug (`Location`)." },
            "404": errorResponse("No published article has this slug."),
          },
        },
      },
      "/authors": {
        get: {
          operationId: "listAuthors",
          summary: "Authors with a published byline, by slug.",
          parameters: paging,
          responses: { ...okResponse("AuthorPage", "A page of authors."), ...badParam },
        },
      },
      "/tags": {
        get: {
          operationId: "listTags",
          summary: "Tags on published articles, by slug.",
          parameters: paging,
          responses: { ...okResponse("TagPage", "A page of tags."), ...badParam },
        },
      },
      "/sections": {
        get: { operationId: "listSections", summary: "The sections, in menu order.", responses: okResponse("SectionPage", "Every section (one page).") },
      },
    },
  };
}
