import type { comments, events, notifications } from "./activity";
import type { articleRevisions, articles } from "./articles";
import type { sections, tags } from "./taxonomy";
import type { authorProfiles, users } from "./users";

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type AuthorProfile = typeof authorProfiles.$inferSelect;
export type Article = typeof articles.$inferSelect;
export type NewArticle = typeof articles.$inferInsert;
export type ArticleRevision = typeof articleRevisions.$inferSelect;
export type Section = typeof sections.$inferSelect;
export type Tag = typeof tags.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type Event = typeof events.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
