/**
 * Work a keystroke causes but need not hold up: run once in a task of its own right after the
 * current one (a zero timer), however often it is asked for meanwhile. The keystroke's task then
 * ends as soon as the text is on screen, and a burst of keystrokes shares one run.
 */
export type AfterTask = { schedule: () => void; flush: () => void; cancel: () => void; readonly pending: boolean };

export function afterTask(run: () => void): AfterTask {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer === null) return;
    clearTimeout(timer);
    timer = null;
    run();
  };
  return {
    schedule: () => {
      timer ??= setTimeout(flush, 0);
    },
    flush,
    cancel: () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
    get pending() {
      return timer !== null;
    },
  };
}
