import type { Database } from '../model/database';
import type { Portfolio } from './types';

/** Every account's figures and the Pareto curve, as of `now` (an ISO instant with the user's offset). */
export function buildPortfolio(db: Database, now: string): Portfolio {
  void db;
  throw new Error(`buildPortfolio is being written (${now})`);
}
