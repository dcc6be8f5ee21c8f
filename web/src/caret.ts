import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Places the caret of `field` once a new `value` is rendered, for text replaced by a picked
 * suggestion: returns the function that asks for it. It runs in the layout effect of the commit
 * that renders the value, before the next key is handled. Put off to a later frame (or a passive
 * effect), it could jump back over whatever was typed meanwhile and split the typed text.
 */
export function useCaretAfterRender(field: RefObject<HTMLInputElement | HTMLTextAreaElement | null>, value: string) {
  const pending = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (pending.current !== null && field.current) {
      field.current.setSelectionRange(pending.current, pending.current);
      pending.current = null;
    }
  }, [field, value]);
  return (pos: number) => {
    pending.current = pos;
  };
}
