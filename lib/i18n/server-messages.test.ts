import { describe, expect, it } from "vitest";

import { fail, fieldErrorsOf } from "@/lib/actions/result";
import { canArticle, canTickChecklist, type PolicyUser } from "@/lib/permissions";
import { createSectionSchema, mergeTagSchema } from "@/lib/taxonomy/validation";
import { createUserSchema, firstAdminSchema } from "@/lib/users/validation";

import { MESSAGES } from "./messages";
import { localizeResult, translateServerMessage } from "./server-messages";

const NNBSP = "\u202f";

describe("translateServerMessage", () => {
  it("gives every sentence of the catalogue back in French, and English unchanged", () => {
    for (const [key, en] of Object.entries(MESSAGES.en.errors.server)) {
      const fr = MESSAGES.fr.errors.server[key as keyof typeof MESSAGES.fr.errors.server];
      if (en.includes("{")) continue;
      expect(translateServerMessage(en, "fr"), key).toBe(fr);
      expect(translateServerMessage(en, "en"), key).toBe(en);
    }
  });

  it("carries placeholders over: lengths and names", () => {
    expect(translateServerMessage("At most 120 characters.", "fr")).toBe("120 caractères au maximum.");
    expect(translateServerMessage("At most 5 links.", "fr")).toBe("5 liens au maximum.");
    expect(translateServerMessage("This is the same tag as “Chine”, which already exists: merge instead.", "fr")).toBe(
      `C’est le même mot-clé que «${NNBSP}Chine${NNBSP}», qui existe déjà${NNBSP}: fusionnez plutôt.`,
    );
    expect(translateServerMessage("No tag “#Élysée” exists.", "fr")).toBe(`Aucun mot-clé «${NNBSP}#Élysée${NNBSP}» n’existe.`);
  });

  it("writes a limit's number the French way, and leaves a name that looks like one alone", () => {
    expect(translateServerMessage("The bio is too long: at most 2,000 characters.", "fr")).toBe(
      `La biographie est trop longue${NNBSP}: 2${NNBSP}000 caractères au maximum.`,
    );
    expect(translateServerMessage("At most 12000 characters.", "fr")).toBe(`12${NNBSP}000 caractères au maximum.`);
    expect(translateServerMessage("No tag “2,000” exists.", "fr")).toBe(`Aucun mot-clé «${NNBSP}2,000${NNBSP}» n’existe.`);
  });

  it("translates the domain checks' sentences too: a webhook address refused in a French newsroom's form", () => {
    const r = localizeResult(
      { ok: false, message: "Please correct the highlighted fields.", fieldErrors: { url: ["The URL must start with https:// (or http://)."] } },
      "fr",
    );
    expect(r.fieldErrors).toEqual({ url: ["L’URL doit commencer par https:// (ou http://)."] });
    expect(translateServerMessage("evil.example could not be resolved: check the host name.", "fr")).not.toMatch(/could not be resolved/);
  });

  it("says in French that a section or tag in use cannot be deleted, one article or several", () => {
    expect(translateServerMessage("“Économie” is used by 4 articles: move them to another section first.", "fr")).toBe(
      `«${NNBSP}Économie${NNBSP}» est utilisée par 4 articles${NNBSP}: déplacez-les d’abord vers une autre rubrique.`,
    );
    expect(translateServerMessage("“Économie” is used by 1 article: move it to another section first.", "fr")).toBe(
      `«${NNBSP}Économie${NNBSP}» est utilisée par 1 article${NNBSP}: déplacez-le d’abord vers une autre rubrique.`,
    );
    expect(translateServerMessage("“#Chine” is used by 12 articles: merge it into another tag instead.", "fr")).toBe(
      `«${NNBSP}#Chine${NNBSP}» est utilisé par 12 articles${NNBSP}: fusionnez-le plutôt avec un autre mot-clé.`,
    );
  });

  it("says in French why a sign-in or a password link was refused, one minute or several", () => {
    expect(translateServerMessage("Email or password is incorrect.", "fr")).toBe("Adresse e-mail ou mot de passe incorrect.");
    expect(translateServerMessage("Too many failed attempts. Try again in 15 minutes (at 14:05 UTC).", "fr")).toBe(
      "Trop de tentatives échouées. Réessayez dans 15 minutes (à 14:05 UTC).",
    );
    expect(translateServerMessage("Too many failed attempts. Try again in 1 minute (at 09:59 UTC).", "fr")).toBe(
      "Trop de tentatives échouées. Réessayez dans 1 minute (à 09:59 UTC).",
    );
    expect(translateServerMessage("Too many attempts with links that do not work. Try again in 3 minutes.", "fr")).toBe(
      "Trop de tentatives avec des liens qui ne fonctionnent pas. Réessayez dans 3 minutes.",
    );
  });

  it("leaves a sentence the catalogue does not know as it is", () => {
    expect(translateServerMessage("Something nobody wrote down.", "fr")).toBe("Something nobody wrote down.");
    expect(translateServerMessage("At most 120 characters. And more.", "fr")).toBe("At most 120 characters. And more.");
  });
});

describe("localizeResult", () => {
  it("translates what the user schemas say, at each field", () => {
    const parsed = createUserSchema.safeParse({ name: "", email: "not-an-address", role: "chief" });
    expect(parsed.success).toBe(false);
    const r = fail("invalid", undefined, fieldErrorsOf(parsed.error!));
    expect(localizeResult(r, "fr")).toMatchObject({
      ok: false,
      code: "invalid",
      message: "Corrigez les champs signalés.",
      fieldErrors: {
        name: ["Saisissez un nom."],
        email: ["Saisissez une adresse e-mail valide, comme nom@exemple.fr."],
        role: ["Choisissez journaliste, éditeur ou administrateur."],
      },
    });
    expect(localizeResult(r, "en")).toMatchObject({
      message: "Please correct the highlighted fields.",
      fieldErrors: { name: ["Enter a name."], role: ["Choose journalist, editor or admin."] },
    });
  });

  it("translates the password rules of the first-run setup", () => {
    const parsed = firstAdminSchema.safeParse({ name: "Ada", email: "ada@example.org", password: "short", confirm: "other" });
    const r = localizeResult(fail("invalid", undefined, fieldErrorsOf(parsed.error!)), "fr");
    expect(r.fieldErrors).toEqual({ password: ["Utilisez au moins 10 caractères."], confirm: ["Les deux mots de passe diffèrent."] });
  });

  it("translates the taxonomy schemas, length included", () => {
    const long = createSectionSchema.safeParse({ name: "x".repeat(61) });
    expect(localizeResult(fail("invalid", undefined, fieldErrorsOf(long.error!)), "fr").fieldErrors).toEqual({ name: ["60 caractères au maximum."] });
    const merge = mergeTagSchema.safeParse({ id: "1", into: " " });
    expect(localizeResult(fail("invalid", undefined, fieldErrorsOf(merge.error!)), "fr").fieldErrors?.into).toEqual([
      "Saisissez le mot-clé dans lequel fusionner.",
    ]);
  });

  it("keeps everything else (code, values, data) as it was", () => {
    const r = { ok: false as const, code: "duplicate", message: "Please correct the highlighted fields.", values: { name: "Chine" }, data: { id: 3 } };
    expect(localizeResult(r, "fr")).toEqual({ ...r, message: "Corrigez les champs signalés." });
  });
});

describe("the policy's refusals shown on newsroom pages", () => {
  it("are in the catalogue: why an author cannot edit, tick the checklist or share a preview, in French", () => {
    const journalist: PolicyUser = { id: "j", role: "journalist", active: true };
    const editor: PolicyUser = { id: "e", role: "editor", active: true };
    const inReview = { status: "in_review" as const, authorIds: ["j"], contributorIds: ["e"] };
    const reasons = [
      canArticle(journalist, "edit", inReview),
      canArticle(journalist, "edit", { ...inReview, status: "approved" as const }),
      canTickChecklist(journalist, inReview, true),
      canTickChecklist(editor, inReview, true),
      canTickChecklist(editor, { ...inReview, authorIds: ["e"] }, true),
    ].map((r) => (r.ok ? "" : r.reason));
    expect(reasons.every(Boolean)).toBe(true);
    for (const reason of reasons) expect(translateServerMessage(reason, "fr"), reason).not.toBe(reason);
  });
});
