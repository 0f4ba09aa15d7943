import type { CSSProperties } from 'react';

/**
 * Mantine's badge cuts its text with an ellipsis when its box is squeezed (a narrow table column
 * shrinks "HIGH" to "H…"). Badges on this tab are short labels that must be read whole: they take
 * the width of their text and never shrink below it.
 */
export const FULL_BADGE: { root: CSSProperties; label: CSSProperties } = {
  root: { overflow: 'visible', minWidth: 'max-content', flexShrink: 0 },
  label: { overflow: 'visible', textOverflow: 'clip' },
};
