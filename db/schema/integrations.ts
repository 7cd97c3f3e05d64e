import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { articles } from "./articles";
import { users } from "./users";

/**
 * Keys for the Content API (/api/v1). Only a SHA-256 of the key is kept: the key itself is shown
 * once, when it is created. The rate-limit window lives on the row, so the check, the count and
 * "last used" are one UPDATE shared by every app instance.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    // The first characters of the key, to tell keys apart in the list (not enough to use one).
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    windowStart: timestamp("window_start", { withTimezone: true }),
    windowCount: integer("window_count").notNull().default(0),
  },
  (t) => [uniqueIndex("api_keys_token_hash_idx").on(t.tokenHash)],
);

export const WEBHOOK_EVENTS = ["article.published", "article.updated", "article.unpublished", "article.corrected"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Endpoints that receive signed event payloads. The secret signs them (Standard Webhooks) and is shown once. */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: uuid("id").primaryKey().defaultRandom(),
  url: text("url").notNull(),
  events: jsonb("events").$type<WebhookEvent[]>().notNull(),
  secret: text("secret").notNull(),
  createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
});

/**
 * One message to one endpoint: the outbox row the worker delivers (at least once, with back-off)
 * and the delivery log's line. `messageId` is the `webhook-id` header, the same on every retry so
 * a receiver can drop duplicates; `payload` is the exact signed body.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: serial("id").primaryKey(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    messageId: text("message_id").notNull(),
    event: text("event").$type<WebhookEvent>().notNull(),
    articleId: uuid("article_id").references(() => articles.id, { onDelete: "set null" }),
    payload: text("payload").notNull(),
    status: text("status").$type<"pending" | "delivered" | "failed">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    // Retries stop after this (24 h after the event, or after a Redeliver).
    retryUntil: timestamp("retry_until", { withTimezone: true }).notNull(),
    lastStatusCode: integer("last_status_code"),
    lastLatencyMs: integer("last_latency_ms"),
    lastError: text("last_error"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt), index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt)],
);

/** Every attempt of a delivery: when, the status code (or the error) and how long it took. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: serial("id").primaryKey(),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
    statusCode: integer("status_code"),
    latencyMs: integer("latency_ms").notNull(),
    error: text("error"),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.attemptedAt)],
);

export type ApiKey = typeof apiKeys.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
