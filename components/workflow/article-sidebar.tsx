/**
 * Beside the editor: workflow buttons, discussion and timeline (owned by the workflow work).
 * The editor page renders it with the article's current state.
 */
import type { CurrentUser } from "@/lib/auth/session";
import type { ArticleStatus } from "@/lib/workflow/article-workflow";

export type ArticleSidebarProps = {
  user: CurrentUser;
  article: { id: string; status: ArticleStatus; version: number; authorIds: string[]; hasUnpublishedChanges: boolean; slug: string };
};

export async function ArticleSidebar(_props: ArticleSidebarProps) {
  return null;
}
