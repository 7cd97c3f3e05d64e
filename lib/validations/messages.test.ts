import { describe, expect, it } from "vitest";

import { fieldErrorsOf } from "@/lib/actions/result";
import { TOO_DEEP } from "@/lib/rich-text/body";

import { articleChangesSchema, articleFieldOf, LIMITS } from "./article";
import { V } from "./keys";
import { translateFieldErrors, validationTranslator } from "./messages";

/** A save's changes as the server action answers them, in one language. */
const errorsIn = (locale: "en" | "fr", changes: unknown) => {
  const r = articleChangesSchema.safeParse(changes);
  if (r.success) throw new Error("expected a refusal");
  return translateFieldErrors(fieldErrorsOf(r.error, articleFieldOf), locale);
};

describe("validation messages are catalogue keys, shown in the interface language", () => {
  it("the schema gives keys, not sentences", () => {
    const r = articleChangesSchema.safeParse({ headline: "x".repeat(LIMITS.headline + 1) });
    expect(r.success).toBe(false);
    expect(fieldErrorsOf(r.error!, articleFieldOf)).toEqual({ headline: [V.headlineMax] });
  });

  const cases: [what: string, changes: unknown, field: string, en: string, fr: string][] = [
    ["headline too long", { headline: "x".repeat(201) }, "headline", "The headline is at most 200 characters.", "Le titre ne dépasse pas 200 caractères."],
    ["dek too long", { dek: "x".repeat(301) }, "dek", "The dek is at most 300 characters.", "Le chapeau ne dépasse pas 300 caractères."],
    [
      "a key point too long",
      { highlights: ["ok", "x".repeat(281)] },
      "highlights",
      "Each key point is at most 280 characters.",
      "Chaque fait saillant ne dépasse pas 280 caractères.",
    ],
    ["too many key points", { highlights: Array(13).fill("a") }, "highlights", "At most 12 key points.", "12 faits saillants au plus."],
    ["too many tags", { tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }, "tags", "At most 30 tags.", "30 mots-clés au plus."],
    ["language code", { language: "français" }, "language", "Use a language code such as fr or en.", "Indiquez un code de langue, par exemple fr ou en."],
    ["no author", { authorIds: [] }, "authorIds", "An article needs at least one author.", "Un article doit avoir au moins un auteur."],
    [
      "featured image without alt",
      { featuredImage: { src: "/uploads/a.webp", alt: " " } },
      "featuredImage",
      "Alt text is required.",
      "Le texte alternatif est obligatoire.",
    ],
    [
      "canonical URL",
      { seo: { canonicalUrl: "javascript:alert(1)" } },
      "seo.canonicalUrl",
      "The canonical URL must be an http:// or https:// address.",
      "L’URL canonique doit être une adresse http:// ou https://.",
    ],
    [
      "SEO title too long",
      { seo: { seoTitle: "x".repeat(201) } },
      "seo.seoTitle",
      "The SEO title is at most 200 characters.",
      "Le titre SEO ne dépasse pas 200 caractères.",
    ],
    [
      "social image without alt",
      { seo: { socialImage: { src: "/uploads/a.webp", alt: "" } } },
      "seo.socialImage",
      "The social image needs alt text.",
      "L’image pour les réseaux sociaux doit avoir un texte alternatif.",
    ],
  ];
  it.each(cases)("%s: English as before, French at the same field", (_what, changes, field, en, fr) => {
    expect(errorsIn("en", changes)).toEqual({ [field]: [en] });
    expect(errorsIn("fr", changes)).toEqual({ [field]: [fr] });
  });

  it("translates the domain's own sentences (body check, slug rules) and passes unknown ones through", () => {
    const fr = validationTranslator("fr");
    expect(fr(TOO_DEEP)).toBe("Le corps de l’article est trop imbriqué (listes ou citations les unes dans les autres).");
    expect(fr("Links must start with http://, https:// or mailto:.")).toBe("Les liens doivent commencer par http://, https:// ou mailto:.");
    expect(fr("The slug cannot change after the first publication.")).toBe("Le slug ne peut plus changer après la première publication.");
    expect(fr("The body contains content that is not allowed (Invalid content for node paragraph).")).toBe(
      "Le corps de l’article contient un contenu non autorisé (Invalid content for node paragraph).",
    );
    expect(validationTranslator("en")(TOO_DEEP)).toBe(TOO_DEEP);
    expect(fr("Something the catalogue does not know.")).toBe("Something the catalogue does not know.");
  });

  it("translates the webhook form's refusals, those that name a host or an address too", async () => {
    const fr = validationTranslator("fr");
    const { webhookUrlProblem } = await import("@/lib/webhooks/ssrf");
    expect(fr((await webhookUrlProblem("ftp://example.org/x"))!)).toBe("L’URL doit commencer par https:// (ou http://).");
    expect(fr("Enter the URL that receives the events.")).toBe("Saisissez l’URL qui reçoit les événements.");
    const allowed = process.env.WEBHOOK_ALLOW_PRIVATE;
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    try {
      expect(fr((await webhookUrlProblem("http://10.0.0.7/hook"))!)).toBe(
        "10.0.0.7 est une adresse privée, locale ou de liaison : les webhooks ne vont qu’à des adresses publiques.",
      );
    } finally {
      if (allowed !== undefined) process.env.WEBHOOK_ALLOW_PRIVATE = allowed;
    }
    expect(fr("hooks.example resolves to 127.0.0.1, a private, loopback or link-local address: webhooks only go to public addresses.")).toBe(
      "hooks.example correspond à 127.0.0.1, une adresse privée, locale ou de liaison : les webhooks ne vont qu’à des adresses publiques.",
    );
    expect(fr("nowhere.invalid could not be resolved: check the host name.")).toBe("nowhere.invalid est introuvable : vérifiez le nom d’hôte.");
  });
});
