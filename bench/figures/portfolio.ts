import { listAccounts } from '@shared/accounts';
import type { Database } from '@shared/model/database';
import { portfolioPipeline } from '@shared/pipeline';
import { buildPortfolio } from '@shared/portfolio/portfolio';
import { timePair } from '../lib/measure';
import { figure, type Figure } from '../lib/report';

/**
 * Figure 8: the portfolio page's figures (`portfolio:list`) for every account of a portfolio —
 * value scores, grades, trading statistics, matrix cells, health with the map's red flags and the
 * deals' risks, the Pareto curve — against the pipeline board's pass over the same deals plus the
 * account list, the cheapest whole-portfolio answers the app already gives.
 */
export async function portfolioFigure(id: string, label: string, db: Database, runs: number): Promise<Figure> {
  const now = new Date().toISOString();
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
      measures: 'buildPortfolio (value, grade, trading, matrix, health incl. red flags and deal risks, Pareto) vs the pipeline board + account list',
    },
    result.app,
    result.baseline,
    (app) => app < 500,
  );
}
