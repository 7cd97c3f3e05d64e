import { describeStatus, type ArticleStatus } from "@/lib/workflow/article-workflow";
import { formatInZone } from "@/lib/workflow/time-zone";
import { describeEvent } from "@/lib/workflow/timeline";

export type TimelineEvent = {
  id: number;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  comment: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  actorName: string | null;
};

const status = (s: string | null) => (s ? describeStatus(s as ArticleStatus) : "—");

export function Timeline({ events, timeZone }: { events: TimelineEvent[]; timeZone: string }) {
  return (
    <section aria-labelledby="timeline-heading" className="rounded border border-neutral-300 p-4 dark:border-neutral-700">
      <h2 id="timeline-heading" className="text-base font-semibold">
        Timeline
      </h2>
      <ol className="mt-2 space-y-2">
        {events.map((e) => (
          <li key={e.id}>
            <p>
              <strong>
                {e.actorName ?? (e.type === "article.transition" ? "Scheduler" : e.type === "article.preview_opened" ? "Someone with the link" : "System")}
              </strong>{" "}
              {describeEvent(e, timeZone)}
              {e.type === "article.transition" && (
                <span className="text-neutral-700 dark:text-neutral-300">
                  {" "}
                  ({status(e.fromStatus)} → {status(e.toStatus)})
                </span>
              )}
            </p>
            <p className="text-xs text-neutral-600 dark:text-neutral-400">
              <time dateTime={e.createdAt.toISOString()}>{formatInZone(e.createdAt, timeZone)}</time>
            </p>
            {e.comment && <p className="mt-0.5 whitespace-pre-wrap italic">“{e.comment}”</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
