import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Activity } from '@shared/model/deal';
import { edit, getDocument } from '../../app/plan-store';
import { i18n } from '../../i18n';

/**
 * Deletes an activity (one undoable step, Ctrl+Z brings it back) and shows a notification whose
 * Undo button puts it back where it stood, even after other edits.
 */
export function removeActivity(accountId: string, activity: Activity): void {
  const at = getDocument(accountId)?.activities.findIndex((a) => a.id === activity.id) ?? -1;
  if (!edit(accountId, { type: 'removeActivities', ids: [activity.id] }, 'activity.undo.delete')) return;
  const t = i18n.t.bind(i18n);
  const restore = () => {
    notifications.hide(id);
    const doc = getDocument(accountId);
    // Already back (Ctrl+Z), or the account is gone.
    if (!doc || doc.activities.some((a) => a.id === activity.id)) return;
    // What it named may have gone meanwhile; the rest comes back.
    const record: Activity = {
      ...activity,
      contactIds: activity.contactIds.filter((c) => doc.contacts.some((x) => x.id === c)),
      dealId: activity.dealId && doc.deals.some((d) => d.id === activity.dealId) ? activity.dealId : null,
    };
    edit(accountId, { type: 'addActivities', records: [record], ...(at >= 0 ? { at: [at] } : {}) }, 'activity.undo.restore');
  };
  const id = notifications.show({
    message: (
      <Group justify="space-between" wrap="nowrap" data-testid="activity-deleted">
        <Text size="sm">{t('activity.deleted', { summary: activity.summary || t('activity.item.noSummary') })}</Text>
        <Button size="compact-sm" variant="light" onClick={restore} data-testid="undo-activity-delete">
          {t('common.undo')}
        </Button>
      </Group>
    ),
    autoClose: 10_000,
  });
}
