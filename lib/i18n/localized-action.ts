import "server-only";

import type { FieldErrors } from "@/lib/actions/result";

import { interfaceLocale, newsroomLocale } from "./interface";
import { localizeResult } from "./server-messages";

type Localizable = { message?: string; fieldErrors?: FieldErrors };

/**
 * A form action whose answer (message and field errors from the domain layer, in English) is given
 * in the newsroom's language (lib/i18n/server-messages.ts). `signedOut`: for the pages used
 * before signing in (first-run setup), which follow the browser's language.
 */
export function localizedAction<A extends unknown[], R extends Localizable>(action: (...args: A) => Promise<R>, opts: { signedOut?: boolean } = {}) {
  return async (...args: A): Promise<R> => {
    const result = await action(...args);
    return localizeResult(result, opts.signedOut ? await interfaceLocale() : await newsroomLocale());
  };
}
