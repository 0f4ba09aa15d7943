import { TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';

interface Props {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  multiline?: boolean;
  testId?: string;
  placeholder?: string;
  size?: 'xs' | 'sm';
}

/**
 * A text field that edits locally and commits when it loses focus (or on Enter, single-line):
 * one undoable step per edit, not one per keystroke.
 */
export function CommitText({ label, value: stored, onCommit, multiline, testId, placeholder, size = 'sm' }: Props) {
  const [value, setValue] = useState(stored);
  useEffect(() => setValue(stored), [stored]);
  const commit = () => value !== stored && onCommit(value);
  const common = {
    label,
    value,
    placeholder,
    size,
    'data-testid': testId,
    onChange: (e: { currentTarget: { value: string } }) => setValue(e.currentTarget.value),
    onBlur: commit,
  };
  return multiline ? <Textarea {...common} autosize minRows={2} /> : <TextInput {...common} onKeyDown={(e) => e.key === 'Enter' && commit()} />;
}
