import { describe, expect, it } from "vitest";

import { embargoNoticeIn } from "@/lib/embargo/notice";

import { durationParts } from "./duration";
import { durationText } from "./duration-text";
import { workflowMessage } from "./messages";
import { describeEvent, describeEventIn } from "./timeline";

const submitted = { type: "article.transition", fromStatus: "draft", toStatus: "in_review", data: { action: "submit" } };
const embargo = { type: "article.embargo_set", fromStatus: null, toStatus: null, data: { embargoUntil: "2026-12-01T08:00:00.000Z" } };

describe("timeline events in the reader's language", () => {
  it("keeps the English words the activity log and the specs know", () => {
    expect(describeEvent(submitted)).toBe("submitted for review");
    expect(describeEvent({ ...submitted, data: { action: "publish", update: true } })).toBe("published an update");
    expect(describeEvent(embargo, "Europe/Paris")).toBe("set an embargo until 1 Dec 2026, 09:00 (Europe/Paris)");
    expect(describeEvent({ type: "article.checklist_ticked", fromStatus: null, toStatus: null, data: { label: "Sources checked" } })).toBe(
      "ticked “Sources checked” on the checklist",
    );
  });

  it("words them in French", () => {
    expect(describeEventIn("fr", submitted)).toBe("a soumis pour relecture");
    expect(describeEventIn("fr", { ...submitted, data: {}, fromStatus: "in_review", toStatus: "changes_requested" })).toBe("a demandé des modifications");
    expect(describeEventIn("fr", embargo, "Europe/Paris")).toBe("a fixé un embargo jusqu’au 1 déc. 2026, 09:00 (Europe/Paris)");
    expect(describeEventIn("fr", { type: "article.checklist_ticked", fromStatus: null, toStatus: null, data: { label: "Sources vérifiées" } })).toBe(
      "a coché « Sources vérifiées » dans la liste de contrôle",
    );
  });
});

describe("durations and embargo notices", () => {
  it.each([
    [12, "12 min", "12 min"],
    [245, "4 h 05 min", "4 h 05 min"],
    [3060, "2 d 3 h", "2 j 3 h"],
  ])("%i minutes", (minutes, en, fr) => {
    expect(durationText("en", durationParts(minutes))).toBe(en);
    expect(durationText("fr", durationParts(minutes))).toBe(fr);
  });

  it("says when an embargo ends in each language", () => {
    const a = { embargoUntil: new Date("2026-12-01T08:00:00Z") };
    const now = new Date("2026-11-29T08:00:00Z");
    expect(embargoNoticeIn("en", a, "Europe/Paris", now)).toBe("Embargoed until 1 Dec 2026, 09:00 (Europe/Paris)");
    expect(embargoNoticeIn("fr", a, "Europe/Paris", now)).toBe("Sous embargo jusqu’au 1 déc. 2026, 09:00 (Europe/Paris)");
  });
});

describe("the workflow's answers in the reader's language", () => {
  it("leaves English as the domain wrote it", () => {
    expect(workflowMessage("en", "Cannot approve: the article is a draft.", "approve")).toBe("Cannot approve: the article is a draft.");
  });

  it.each([
    ["Submitted for review.", "submit", "Soumis pour relecture."],
    ["The update is published.", "publish", "La mise à jour est publiée."],
    ["Say what needs to change: a comment is required.", "request_changes", "Dites ce qui doit changer : un commentaire est obligatoire."],
    ["Cannot approve: the article is a draft.", "approve", "Action impossible (approuver) : l’article est brouillon."],
    ["Checklist: 1 required item is not ticked yet.", "publish", "Liste de contrôle : 1 élément obligatoire n’est pas coché."],
    ["Checklist: 3 required items are not ticked yet.", "publish", "Liste de contrôle : 3 éléments obligatoires ne sont pas cochés."],
    [
      "Embargoed until 1 Dec 2026, 09:00 (Europe/Paris): it cannot be published before then.",
      "publish",
      "Sous embargo jusqu’au 1 Dec 2026, 09:00 (Europe/Paris) : l’article ne peut pas être publié avant.",
    ],
    ["Something new.", "publish", "Something new."],
  ] as const)("%s", (english, action, french) => {
    expect(workflowMessage("fr", english, action)).toBe(french);
  });
});
