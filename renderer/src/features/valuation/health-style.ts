import type { HealthLevel } from '@shared/model/vocabulary';

/** The colour of each health level, the same wherever a level is shown. */
export const HEALTH_COLOR: Readonly<Record<HealthLevel, string>> = { healthy: 'green', watch: 'yellow', atRisk: 'red' };
