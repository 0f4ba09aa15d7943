import type { Widen } from '../widen';

/** Activity log and timelines (English). */
export const activityEn = {
  title: 'Activity',
};

/** Activity log and timelines（简体中文）. */
export const activityZh: Widen<typeof activityEn> = {
  title: '联络记录',
};
