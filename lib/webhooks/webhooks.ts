import "server-only";

import { randomBytes, randomUUID } from "node:crypto";

import type { Db, Tx } from "@/db";
import { insertEvent } from "@/db/queries/events";
import {
  deleteWebhookEndpointRow,
  getArticleEventFacts,
  insertWebhookDeliveries,
  insertWebhookEndpoint,
  listSubscribedEndpoints,
  requeueWebhookDelivery,
} from "@/db/queries/webhooks";
import { WEBHOOK_EVENTS, type WebhookEvent } from "@/db/schema";
import { canGlobal, type PolicyUser } from "@/lib/permissions";
import { withoutNul } from "@/lib/security/text";

import { webhookUrlProblem } from "./ssrf";

/** Retries of a delivery stop this long after the event (or after a Redeliver). */
export const RETRY_WINDOW_MS = 24 * 60 * 60_000;

type Refusal = { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };
const invalid = (fieldErrors: Record<string, string[]>): Refusal => ({
  ok: false,
  code: "invalid",
  message: "Please correct the highlighted fields.",
  fieldErrors,
});

function refuse(actor: PolicyUser | null): Refusal | null {
  const may = canGlobal(actor, "webhooks:manage");
  return may.ok ? null : { ok: false, code: may.code, message: may.reason };
}

/**
 * Registers an endpoint. The secret (Standard Webhooks: `whsec_` + base64 of 24 random bytes) is
 * in the answer to show once; it stays in the database because every payload is signed with it.
 */
export async function createWebhookEndpoint(
  db: Db,
  actor: PolicyUser | null,
  input: { url: string; events: string[] },
): Promise<{ ok: true; id: string; secret: string } | Refusal> {
  const no = refuse(actor);
  if (no) return no;
  const url = withoutNul(input.url).trim();
  const events = [...new Set(input.events)].filter((e): e is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(e));
  const fieldErrors: Record<string, string[]> = {};
  const problem = url ? (url.length > 2000 ? "At most 2,000 characters." : await webhookUrlProblem(url)) : "Enter the URL that receives the events.";
  if (problem) fieldErrors.url = [problem];
  if (events.length === 0 || events.length !== new Set(input.events).size) fieldErrors.events = ["Choose at least one event."];
  if (Object.keys(fieldErrors).length) return invalid(fieldErrors);
  const secret = `whsec_${randomBytes(24).toString("base64")}`;
  const id = await db.transaction(async (tx) => {
    const row = await insertWebhookEndpoint({ db: tx, endpoint: { url, events, secret, createdById: actor!.id } });
    await insertEvent({ db: tx, event: { type: "webhook.created", actorId: actor!.id, data: { endpointId: row.id, url, events } } });
    return row.id;
  });
  return { ok: true, id, secret };
}

export async function deleteWebhookEndpoint(db: Db, actor: PolicyUser | null, id: string): Promise<{ ok: true } | Refusal> {
  const no = refuse(actor);
  if (no) return no;
  return db.transaction(async (tx) => {
    const row = await deleteWebhookEndpointRow({ db: tx, id });
    if (!row) return { ok: false, code: "not_found", message: "This endpoint no longer exists." } as const;
    await insertEvent({ db: tx, event: { type: "webhook.deleted", actorId: actor!.id, data: { endpointId: id, url: row.url } } });
    return { ok: true } as const;
  });
}

/** Sends a delivery again (now, then with back-off for 24 h), under the same webhook-id. */
export async function redeliverWebhook(db: Db, actor: PolicyUser | null, deliveryId: number, now = new Date()): Promise<{ ok: true } | Refusal> {
  const no = refuse(actor);
  if (no) return no;
  const row = await requeueWebhookDelivery({ db, id: deliveryId, now, retryUntil: new Date(now.getTime() + RETRY_WINDOW_MS) });
  return row ? { ok: true } : { ok: false, code: "not_found", message: "This delivery no longer exists." };
}

export type ArticleEventData = {
  id: string;
  slug: string;
  headline: string;
  firstPublishedAt: Date | null;
  publishedUpdatedAt: Date | null;
  correction?: string | null;
};

/**
 * The origin of the payload's links: they must be absolute, a receiver on another machine cannot
 * resolve "/articles/…". SITE_URL (the public site), else APP_URL or AUTH_URL; a server with none
 * set (the local demo) is the one `npm start` serves, on this machine's port.
 */
export function payloadOrigin(env: Record<string, string | undefined> = process.env): string {
  const configured = env.SITE_URL || env.APP_URL || env.AUTH_URL;
  if (configured) return new URL(configured).origin;
  return `http://localhost:${Number(env.PORT) || 3000}`;
}

/**
 * Queues `event` for every endpoint subscribed to it, in the caller's transaction: it leaves only
 * if the change commits, and the worker sends it later, so publishing never waits on a receiver.
 * The payload is fixed here (the same bytes on every retry); the signature is made per attempt.
 */
export async function queueWebhookEvent(
  tx: Tx,
  event: WebhookEvent,
  article: ArticleEventData,
  now = new Date(),
  subscribed?: { id: string }[],
): Promise<number> {
  const endpoints = subscribed ?? (await listSubscribedEndpoints({ db: tx, event }));
  if (endpoints.length === 0) return 0;
  const origin = payloadOrigin();
  const data: Record<string, unknown> = {
    id: article.id,
    slug: article.slug,
    url: `${origin}/articles/${article.slug}`,
    api_url: `${origin}/api/v1/articles/${article.slug}`,
    headline: article.headline,
    published_at: article.firstPublishedAt?.toISOString() ?? null,
    updated_at: article.publishedUpdatedAt?.toISOString() ?? null,
  };
  if (event === "article.corrected") data.correction = article.correction ?? null;
  const payload = JSON.stringify({ type: event, timestamp: now.toISOString(), data });
  const retryUntil = new Date(now.getTime() + RETRY_WINDOW_MS);
  await insertWebhookDeliveries({
    db: tx,
    rows: endpoints.map((e) => ({ endpointId: e.id, messageId: `msg_${randomUUID()}`, event, articleId: article.id, payload, nextAttemptAt: now, retryUntil })),
  });
  return endpoints.length;
}

/** The webhook events of a workflow transition: a first publication, an update (and its correction), a withdrawal. */
export function eventsOfTransition(from: string, to: string, correction: string | null): WebhookEvent[] {
  if (to === "published" && from !== "published") return ["article.published"];
  if (to === "published") return correction ? ["article.updated", "article.corrected"] : ["article.updated"];
  if (from === "published" && to === "unpublished") return ["article.unpublished"];
  return [];
}

/** Queues the transition's events (see queueWebhookEvent), in its transaction. */
export async function queueTransitionWebhooks(tx: Tx, t: { articleId: string; from: string; to: string; correction: string | null; now: Date }): Promise<void> {
  const events = eventsOfTransition(t.from, t.to, t.correction);
  if (events.length === 0) return;
  // Most newsrooms have no endpoint: then a publication costs one extra read, not two.
  const subscribed = await Promise.all(events.map((event) => listSubscribedEndpoints({ db: tx, event })));
  if (subscribed.every((s) => s.length === 0)) return;
  const facts = await getArticleEventFacts({ db: tx, articleId: t.articleId });
  if (!facts) return;
  for (const [i, event] of events.entries()) await queueWebhookEvent(tx, event, { ...facts, correction: t.correction }, t.now, subscribed[i]);
}
