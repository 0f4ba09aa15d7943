import type { Widen } from '../widen';

/** Value assessment, portfolio matrices, health checklist, their settings (English). */
export const valuationEn = {
  title: 'Value & health',
};

/** Value assessment, portfolio matrices, health checklist, their settings（简体中文）. */
export const valuationZh: Widen<typeof valuationEn> = {
  title: '价值与健康',
};
