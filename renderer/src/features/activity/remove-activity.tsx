import type { Activity } from '@shared/model/deal';
import { edit } from '../../app/plan-store';
import { showUndoNotice } from '../../app/undo-notice';
import { i18n } from '../../i18n';

/** Deletes an activity as one undoable step, with a notification whose Undo takes it back. */
export function removeActivity(accountId: string, activity: Activity): void {
  if (!edit(accountId, { type: 'removeActivities', ids: [activity.id] }, 'activity.undo.delete')) return;
  const t = i18n.t.bind(i18n);
  showUndoNotice({
    message: t('activity.deleted', { summary: activity.summary || t('activity.item.noSummary') }),
    testId: 'undo-activity-delete',
  });
}
