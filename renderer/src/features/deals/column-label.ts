import type { BoardColumn } from '@shared/model/database';
import { bilingual } from '../../i18n';

/** A column's name: the user's own label, else the stage's name in both languages. */
export function columnLabel(c: BoardColumn): string {
  return c.label || bilingual(`vocab.stages.${c.stage}`);
}
