import { listAccounts } from '@shared/accounts';
import type { Database } from '@shared/model/database';
import { portfolioPipeline } from '@shared/pipeline';
import { buildPortfolio } from '@shared/portfolio/portfolio';
import { mulberry32 } from '../../test/helpers/random';
import { timePair } from '../lib/measure';
import { figure, type Figure } from '../lib/report';

/**
 * Figure 8: the portfolio page's figures (`portfolio:list`) for every account of a portfolio —
 * value scores, grades, trading statistics, matrix cells, health with the map's red flags and the
 * deals' risks, the Pareto curve — against the pipeline board's pass over the same deals plus the
 * account list, the cheapest whole-portfolio answers the app already gives.
 */
export async function portfolioFigure(id: string, label: string, generated: Database, runs: number): Promise<Figure> {
  const now = new Date().toISOString();
  const db = withOrders(generated, now.slice(0, 10));
  const result = await timePair({
    runs,
    warmup: 2,
    app: () => buildPortfolio(db, now).rows.length,
    baseline: () => portfolioPipeline(db, now).items.length + listAccounts(db).length,
  });
  return figure(
    {
      id,
      name: `Portfolio figures, ${label} (${db.accounts.length} accounts)`,
      unit: 'ms',
      target: '< 500 ms',
      measures: 'buildPortfolio, every account with two years of orders, (value, grade, trading, matrix, health incl. red flags and deal risks, Pareto) vs the pipeline board + account list',
    },
    result.app,
    result.baseline,
    (app) => app < 500,
  );
}

/**
 * The portfolio with two years of orders per account (1–3 a month, seeded apart from the
 * generator so the other figures' workloads stay the same): the trading statistics, medians and
 * roll-ups then have real work.
 */
function withOrders(db: Database, today: string): Database {
  const random = mulberry32(8);
  const [y, m] = today.split('-').map(Number) as [number, number];
  return {
    ...db,
    accounts: db.accounts.map((a, i) => ({
      ...a,
      orders: Array.from({ length: 24 }, (_, back) => back).flatMap((back) => {
        const index = y * 12 + (m - 1) - back;
        const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
        return Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) => ({
          id: `o-${i}-${back}-${k}`,
          createdAt: a.createdAt,
          updatedAt: a.createdAt,
          date: `${month}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
          amount: Math.round(random() * 500) * 1000,
          divisionId: null,
          productLineId: null,
          notes: '',
        }));
      }),
    })),
  };
}
