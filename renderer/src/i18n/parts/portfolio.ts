import type { Widen } from '../widen';

/** Portfolio view: table, Pareto chart, matrices (English). */
export const portfolioEn = {
  title: 'Portfolio',
};

/** Portfolio view: table, Pareto chart, matrices（简体中文）. */
export const portfolioZh: Widen<typeof portfolioEn> = {
  title: '客户组合',
};
