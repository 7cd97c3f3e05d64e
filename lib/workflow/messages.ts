/**
 * The workflow's answers (done, refused) in the reader's language. The domain (article-workflow.ts,
 * transitions.ts) words them in English, and those English sentences are a contract its tests and
 * the specs read; this turns each known sentence into the catalogue's (workflow.done.*,
 * workflow.refusals.*). An English reader gets the domain's sentence unchanged; a sentence this
 * does not know stays English rather than being lost.
 */
import { createTranslator } from "use-intl/core";

import { MESSAGES, type AppLocale } from "@/lib/i18n/messages";

import { ARTICLE_STATUSES, WORKFLOW_ACTIONS, type WorkflowAction } from "./article-workflow";

type Keys = keyof (typeof MESSAGES)["en"]["workflow"]["refusals"];
const en = MESSAGES.en.workflow;

export function workflowMessage(locale: AppLocale, english: string, action?: WorkflowAction): string {
  if (locale === "en") return english;
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "workflow" });
  if (action && english === en.done[action]) return t(`done.${action}`);
  if (english === en.done.update) return t("done.update");
  for (const key of Object.keys(en.refusals) as Keys[]) {
    if (!en.refusals[key].includes("{") && english === en.refusals[key]) return t(`refusals.${key}` as `refusals.${Keys}`);
  }
  const illegal = /^Cannot (.+): the article is (.+)\.$/.exec(english);
  if (illegal) {
    const a = WORKFLOW_ACTIONS.find((x) => en.actions[x].toLowerCase() === illegal[1]);
    const s = ARTICLE_STATUSES.find((x) => en.states[x] === illegal[2]);
    if (a && s) return t("refusals.illegalState", { action: t(`actions.${a}`).toLowerCase(), state: t(`states.${s}`) });
  }
  const checklist = /^Checklist: (\d+) required items? (?:is|are) not ticked yet\.$/.exec(english);
  if (checklist) return t("refusals.checklist", { count: Number(checklist[1]) });
  // The date keeps the domain's words (a British-style date, the same digits in both languages).
  const publish = /^Embargoed until (.+): it cannot be published before then\.$/.exec(english);
  if (publish) return t("refusals.embargoedPublish", { when: publish[1] });
  const schedule = /^Embargoed until (.+): choose a publication time at or after the embargo\.$/.exec(english);
  if (schedule) return t("refusals.embargoedSchedule", { when: schedule[1] });
  return english;
}
