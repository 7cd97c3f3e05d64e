import { index, integer, pgTable, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";

import { articles } from "./articles";
import { users } from "./users";

/** Mail waits here and is sent by a retrying worker, so a mail failure never fails a transition. */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: serial("id").primaryKey(),
    to: text("to").notNull(),
    // Mail about an article is sent only if its recipient may still view the article then.
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    articleId: uuid("article_id").references(() => articles.id, { onDelete: "cascade" }),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_outbox_due_idx").on(t.sentAt, t.nextAttemptAt)],
);
