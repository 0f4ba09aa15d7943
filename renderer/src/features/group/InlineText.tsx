import { TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';

interface Props {
  value: string;
  /** `leaving`: the page is going away (reload, window closed), so the change must go out at once. */
  onCommit: (value: string, leaving: boolean) => void;
  ariaLabel: string;
  /** When false, clearing the field puts the stored text back instead of committing. */
  allowEmpty?: boolean;
  testId?: string;
  w?: number | string;
  placeholder?: string;
}

/**
 * A small table-cell text field that commits on blur or Enter; Escape puts the stored text back.
 * Text typed but not yet committed is committed too when the page goes away (reload, closing
 * the window), which fires no blur.
 */
export function InlineText({ value: stored, onCommit, ariaLabel, allowEmpty = false, testId, w, placeholder }: Props) {
  const [value, setValue] = useState(stored);
  useEffect(() => setValue(stored), [stored]);

  /** The text to commit, or null when there is nothing to (unchanged, or emptied where not allowed). */
  const pending = (text: string) => {
    const next = text.trim();
    if (!next && !allowEmpty) return null;
    return next !== stored ? next : null;
  };
  const commit = () => {
    const next = pending(value);
    if (next === null) {
      if (!value.trim() && !allowEmpty) setValue(stored);
      return;
    }
    onCommit(next, false);
  };

  const latest = useRef({ value, pending, onCommit });
  latest.current = { value, pending, onCommit };
  useEffect(() => {
    const onLeave = () => {
      const { value: text, pending: check, onCommit: send } = latest.current;
      const next = check(text);
      if (next !== null) send(next, true);
    };
    window.addEventListener('pagehide', onLeave);
    return () => window.removeEventListener('pagehide', onLeave);
  }, []);

  return (
    <TextInput
      size="xs"
      w={w}
      value={value}
      placeholder={placeholder}
      aria-label={ariaLabel}
      data-testid={testId}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setValue(stored);
      }}
    />
  );
}
