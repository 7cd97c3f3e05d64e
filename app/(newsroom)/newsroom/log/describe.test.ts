import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";

import { MESSAGES, type AppLocale } from "@/lib/i18n/messages";

import { describeLogEvent, describeTransition } from "./describe";

const words = (locale: AppLocale) => createTranslator({ locale, messages: MESSAGES[locale], namespace: "log" });
const at = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
const event = (type: string, data: Record<string, unknown> = {}, fromStatus: string | null = null, toStatus: string | null = null) => ({
  type,
  data,
  fromStatus,
  toStatus,
});

describe("describeLogEvent", () => {
  it("says what happened in English, as the log always has", () => {
    const t = words("en");
    expect(describeLogEvent(t, event("article.transition", { action: "request_changes" }), at, "Europe/Paris")).toBe("requested changes");
    expect(describeLogEvent(t, event("article.transition", { action: "publish", update: true }), at, "Europe/Paris")).toBe("published an update");
    // Older events carry no action: it is inferred from the states.
    expect(describeLogEvent(t, event("article.transition", {}, "draft", "in_review"), at, "Europe/Paris")).toBe("submitted for review");
    expect(describeLogEvent(t, event("article.transition", {}, "draft", "draft"), at, "Europe/Paris")).toBe("moved from draft to draft");
    expect(describeLogEvent(t, event("article.checklist_ticked", { label: "Legal read" }), at, "UTC")).toBe("ticked “Legal read” on the checklist");
    expect(describeLogEvent(t, event("article.embargo_set", { embargoUntil: "2026-12-01T08:00:00Z" }), at, "Europe/Paris")).toBe(
      "set an embargo until 2026-12-01 08:00 (Europe/Paris)",
    );
    expect(describeLogEvent(t, event("user.role_changed"), at, "UTC")).toBe("user role changed");
  });

  it("names the section or tag an event was about, and what a rename or a merge went from and to", () => {
    const en = words("en");
    const fr = words("fr");
    expect(describeLogEvent(en, event("section.created", { sectionId: 4, name: "Culture", slug: "culture" }), at, "UTC")).toBe("section created: Culture");
    expect(describeLogEvent(en, event("section.renamed", { sectionId: 4, from: "Culture", to: "Arts", slug: "culture" }), at, "UTC")).toBe(
      "section renamed: Culture → Arts",
    );
    expect(describeLogEvent(en, event("tag.deleted", { tagId: 9, name: "Zéphyr", slug: "zephyr" }), at, "UTC")).toBe("tag deleted: Zéphyr");
    expect(
      describeLogEvent(
        en,
        event("tag.merged", { tagId: 9, intoTagId: 3, from: { name: "Chine", slug: "chine" }, into: { id: 3, name: "China", slug: "china" } }),
        at,
        "UTC",
      ),
    ).toBe("tag merged: Chine → China");
    expect(describeLogEvent(fr, event("section.renamed", { from: "Culture", to: "Arts" }), at, "UTC")).toMatch(/Culture → Arts$/);
    // Older or partial data: the kind alone.
    expect(describeLogEvent(en, event("section.moved", { sectionId: 4, direction: "up", position: 1 }), at, "UTC")).toBe("section moved");
  });

  it("says it in French from the same kind and parameters", () => {
    const t = words("fr");
    expect(describeLogEvent(t, event("article.transition", { action: "request_changes" }), at, "Europe/Paris")).toBe("a demandé des modifications");
    expect(describeLogEvent(t, event("article.transition", {}, "in_review", "approved"), at, "Europe/Paris")).toBe("a approuvé");
    expect(describeLogEvent(t, event("article.preview_shared", { linkId: 7 }), at, "UTC")).toBe("a partagé le lien d’aperçu n°\u00a07");
    expect(describeLogEvent(t, event("article.embargo_changed", { embargoUntil: "nonsense" }), at, "UTC")).toBe("a reporté l’embargo à une date ultérieure");
    expect(describeLogEvent(t, event("article.created"), at, "UTC")).toBe("a créé l’article");
  });

  it("names what a user, key or webhook event was about: the account (and its roles), the key, the address", () => {
    const about = (type: string, data: Record<string, unknown>, subjectName: string | null = null) => ({ ...event(type, data), subjectName });
    const en = words("en");
    const fr = words("fr");
    expect(describeLogEvent(en, about("user.deactivated", {}, "Nadia Haddad"), at, "UTC")).toBe("user deactivated: Nadia Haddad");
    expect(describeLogEvent(en, about("user.role_changed", { from: "journalist", to: "editor" }, "Nadia Haddad"), at, "UTC")).toBe(
      "user role changed: Nadia Haddad, journalist → editor",
    );
    expect(describeLogEvent(fr, about("user.role_changed", { from: "journalist", to: "editor" }, "Nadia Haddad"), at, "UTC")).toMatch(
      /^.+ : Nadia Haddad, journaliste → éditeur$/,
    );
    expect(describeLogEvent(en, about("api_key.created", { keyId: "k", name: "App mobile" }), at, "UTC")).toBe("api key created: App mobile");
    expect(describeLogEvent(en, about("webhook.deleted", { url: "https://hooks.example/x" }), at, "UTC")).toBe("webhook deleted: https://hooks.example/x");
  });
});

describe("describeTransition", () => {
  it("names both states in the reader's words, and nothing when no state moved", () => {
    const e = event("article.transition", {}, "in_review", "published");
    expect(describeTransition(words("en"), e)).toBe("in_review → published");
    expect(describeTransition(words("fr"), e)).toBe("en relecture → publié");
    expect(describeTransition(words("fr"), event("article.created", {}, null, "draft"))).toBe("— → brouillon");
    expect(describeTransition(words("fr"), event("article.created"))).toBe("");
  });
});
