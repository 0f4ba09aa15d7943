import type { Widen } from '../widen';

/** Divisions (group structure) and whitespace map (English). */
export const groupEn = {
  title: 'Group & whitespace',
};

/** Divisions (group structure) and whitespace map（简体中文）. */
export const groupZh: Widen<typeof groupEn> = {
  title: '集团与空白',
};
