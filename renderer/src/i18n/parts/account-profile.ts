import type { Widen } from '../widen';

/** Profile form sections and trading history (English). */
export const accountProfileEn = {
  title: 'Profile',
};

/** Profile form sections and trading history（简体中文）. */
export const accountProfileZh: Widen<typeof accountProfileEn> = {
  title: '客户档案',
};
