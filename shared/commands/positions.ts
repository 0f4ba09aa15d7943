import { z } from 'zod';

/** Optional positions of re-added items (an undo of a removal), one per item. */
export const positionsSchema = z.array(z.number().int().min(0).max(1_000_000)).max(5000).optional();
