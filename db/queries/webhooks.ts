import "server-only";

import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";

import { queryRows, type Tx } from "@/db";
import { articleRevisions, articles, webhookAttempts, webhookDeliveries, webhookEndpoints, type WebhookEvent } from "@/db/schema";

// Raw SQL parameters: postgres-js does not serialise Date objects there, PGlite does; ISO text works in both.
const iso = (d: Date) => d.toISOString();

export async function insertWebhookEndpoint({
  db,
  endpoint,
}: {
  db: Tx;
  endpoint: { url: string; events: WebhookEvent[]; secret: string; createdById: string };
}): Promise<{ id: string }> {
  const [row] = await db.insert(webhookEndpoints).values(endpoint).returning({ id: webhookEndpoints.id });
  return row;
}

export async function deleteWebhookEndpointRow({ db, id }: { db: Tx; id: string }): Promise<{ url: string } | undefined> {
  const [row] = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ url: webhookEndpoints.url });
  return row;
}

export async function listWebhookEndpoints({ db }: { db: Tx }) {
  return db
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, events: webhookEndpoints.events, createdAt: webhookEndpoints.createdAt })
    .from(webhookEndpoints)
    .where(isNull(webhookEndpoints.disabledAt))
    .orderBy(desc(webhookEndpoints.createdAt));
}

/** Live endpoints subscribed to `event`. */
export async function listSubscribedEndpoints({ db, event }: { db: Tx; event: WebhookEvent }) {
  return db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(isNull(webhookEndpoints.disabledAt), sql`${webhookEndpoints.events} @> ${JSON.stringify([event])}::jsonb`));
}

export async function insertWebhookDeliveries({ db, rows }: { db: Tx; rows: (typeof webhookDeliveries.$inferInsert)[] }): Promise<void> {
  if (rows.length) await db.insert(webhookDeliveries).values(rows);
}

export type DueDelivery = { id: number; messageId: string; payload: string; attempts: number; retryUntil: Date; url: string; secret: string };

/**
 * Claims up to `limit` due pending deliveries atomically (SKIP LOCKED) and leases them until
 * `leaseUntil`, so two app instances never send the same attempt at once.
 */
export async function claimDueWebhookDeliveries({
  db,
  now,
  leaseUntil,
  limit,
}: {
  db: Tx;
  now: Date;
  leaseUntil: Date;
  limit: number;
}): Promise<DueDelivery[]> {
  const rows = await queryRows<Omit<DueDelivery, "retryUntil"> & { retryUntil: string | Date }>(
    db,
    sql`update webhook_deliveries d set next_attempt_at = ${iso(leaseUntil)}::timestamptz
        from webhook_endpoints e
        where e.id = d.endpoint_id and d.id in (
          select id from webhook_deliveries
          where status = 'pending' and next_attempt_at <= ${iso(now)}::timestamptz
          order by next_attempt_at, id limit ${limit}
          for update skip locked)
        returning d.id, d.message_id as "messageId", d.payload, d.attempts, d.retry_until as "retryUntil", e.url, e.secret`,
  );
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts), retryUntil: new Date(r.retryUntil) }));
}

export type AttemptResult = { statusCode: number | null; latencyMs: number; error: string | null; at: Date };

/** Records one attempt and what follows: delivered, another try at `nextAttemptAt`, or given up. */
export async function recordWebhookAttempt({
  db,
  id,
  attempt,
  outcome,
}: {
  db: Tx;
  id: number;
  attempt: AttemptResult;
  outcome: { status: "delivered" | "failed" } | { status: "pending"; nextAttemptAt: Date };
}): Promise<void> {
  await db
    .insert(webhookAttempts)
    .values({ deliveryId: id, attemptedAt: attempt.at, statusCode: attempt.statusCode, latencyMs: attempt.latencyMs, error: attempt.error });
  await db
    .update(webhookDeliveries)
    .set({
      status: outcome.status,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastStatusCode: attempt.statusCode,
      lastLatencyMs: attempt.latencyMs,
      lastError: attempt.error,
      lastAttemptAt: attempt.at,
      ...(outcome.status === "pending" ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
    })
    .where(eq(webhookDeliveries.id, id));
}

/** Puts a delivery back in the queue now, with the same message id, for another 24 h of retries. */
export async function requeueWebhookDelivery({ db, id, now, retryUntil }: { db: Tx; id: number; now: Date; retryUntil: Date }) {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: now, retryUntil })
    .where(eq(webhookDeliveries.id, id))
    .returning({ id: webhookDeliveries.id, messageId: webhookDeliveries.messageId });
  return row;
}

/** The latest deliveries of each endpoint (the delivery log), newest first, with their attempts. */
export async function listRecentDeliveries({ db, endpointIds, perEndpoint }: { db: Tx; endpointIds: string[]; perEndpoint: number }) {
  if (endpointIds.length === 0) return { deliveries: [], attempts: [] };
  const deliveries = await queryRows<{
    id: number;
    endpointId: string;
    messageId: string;
    event: WebhookEvent;
    status: "pending" | "delivered" | "failed";
    attempts: number;
    createdAt: string | Date;
    lastStatusCode: number | null;
    lastLatencyMs: number | null;
    lastError: string | null;
    nextAttemptAt: string | Date;
  }>(
    db,
    sql`select id, endpoint_id as "endpointId", message_id as "messageId", event, status, attempts, created_at as "createdAt",
          last_status_code as "lastStatusCode", last_latency_ms as "lastLatencyMs", last_error as "lastError", next_attempt_at as "nextAttemptAt"
        from (select *, row_number() over (partition by endpoint_id order by created_at desc, id desc) as n
              from webhook_deliveries where endpoint_id in ${sql`(${sql.join(
                endpointIds.map((id) => sql`${id}::uuid`),
                sql`, `,
              )})`}) d
        where n <= ${perEndpoint} order by created_at desc, id desc`,
  );
  const ids = deliveries.map((d) => d.id);
  const attempts = ids.length
    ? await db
        .select({
          deliveryId: webhookAttempts.deliveryId,
          attemptedAt: webhookAttempts.attemptedAt,
          statusCode: webhookAttempts.statusCode,
          latencyMs: webhookAttempts.latencyMs,
          error: webhookAttempts.error,
        })
        .from(webhookAttempts)
        .where(inArray(webhookAttempts.deliveryId, ids))
        .orderBy(webhookAttempts.attemptedAt, webhookAttempts.id)
    : [];
  return {
    deliveries: deliveries.map((d) => ({ ...d, createdAt: new Date(d.createdAt), nextAttemptAt: new Date(d.nextAttemptAt), attempts: Number(d.attempts) })),
    attempts,
  };
}

/** What an article event's payload says: the current slug and dates, and the live version's headline. */
export async function getArticleEventFacts({ db, articleId }: { db: Tx; articleId: string }) {
  const rows = await db
    .select({
      id: articles.id,
      slug: articles.slug,
      headline: articleRevisions.headline,
      firstPublishedAt: articles.firstPublishedAt,
      publishedUpdatedAt: articles.publishedUpdatedAt,
    })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .where(eq(articles.id, articleId))
    .limit(1);
  return rows[0];
}
