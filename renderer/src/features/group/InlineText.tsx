import { TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';

interface Props {
  value: string;
  onCommit: (value: string) => void;
  ariaLabel: string;
  /** When false, clearing the field puts the stored text back instead of committing. */
  allowEmpty?: boolean;
  testId?: string;
  w?: number | string;
  placeholder?: string;
}

/** A small table-cell text field that commits on blur or Enter; Escape puts the stored text back. */
export function InlineText({ value: stored, onCommit, ariaLabel, allowEmpty = false, testId, w, placeholder }: Props) {
  const [value, setValue] = useState(stored);
  useEffect(() => setValue(stored), [stored]);
  const commit = () => {
    const next = value.trim();
    if (!next && !allowEmpty) {
      setValue(stored);
      return;
    }
    if (next !== stored) onCommit(next);
  };
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
