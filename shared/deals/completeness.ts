import { NINE_KNOWS } from '../model/vocabulary';

/** One of the nine things to know about an account or deal (找对人 九明). */
export type NineKnow = (typeof NINE_KNOWS)[number];

/** How much of the nine things to know is known. */
export interface NineKnowsCompleteness {
  known: number;
  total: 9;
  /** `known / 9` as a whole percent, rounded half up: 0, 11, 22, 33, 44, 56, 67, 78, 89, 100. */
  percent: number;
  /** What is still not known, in {@link NINE_KNOWS} order (the gaps to show). */
  missing: NineKnow[];
}

/**
 * How complete the nine-knows checklist is. Only the nine keys count, and only when exactly
 * `true`: a missing key is not known, and unknown keys (kept by the loose schema from newer
 * versions) are ignored. Only a full checklist reads 100%.
 */
export function nineKnowsCompleteness(nineKnows: Readonly<Partial<Record<NineKnow, boolean>>>): NineKnowsCompleteness {
  const missing = NINE_KNOWS.filter((k) => nineKnows[k] !== true);
  const known = NINE_KNOWS.length - missing.length;
  return { known, total: 9, percent: Math.round((known * 100) / NINE_KNOWS.length), missing };
}
