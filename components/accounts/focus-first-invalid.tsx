"use client";

import { useEffect, useRef } from "react";

/**
 * After a refused submission, keyboard focus goes to the first field marked invalid in the form
 * this sits in. Submitting disables the button, so focus falls back to the page itself and a
 * keyboard user had to tab again from the top to reach the field the message names. Focus a user
 * has put somewhere since is left where it is.
 */
export function FocusFirstInvalid({ failed }: { failed: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!failed) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    ref.current?.closest("form")?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
  return <span ref={ref} hidden />;
}
