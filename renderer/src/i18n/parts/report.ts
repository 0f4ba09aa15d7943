import type { Widen } from '../widen';

/** Printable account plan report (English). */
export const reportEn = {
  title: 'Report',
};

/** Printable account plan report（简体中文）. */
export const reportZh: Widen<typeof reportEn> = {
  title: '客户计划报告',
};
