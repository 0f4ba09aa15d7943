/**
 * Seeded randomness for property-style tests, so that every failing sequence can be replayed
 * from its seed, the same on every machine.
 */

/** mulberry32: a small, fast, seedable PRNG; good enough for test data, never for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks and coin tosses over a PRNG. */
export class Rng {
  constructor(private readonly next: () => number) {}
  /** 0 … n-1 */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[this.int(xs.length)] as T;
  }
  /** Two different items. */
  two<T>(xs: readonly T[]): [T, T] {
    if (xs.length < 2) throw new Error('two from a list of fewer than two');
    const i = this.int(xs.length);
    const j = (i + 1 + this.int(xs.length - 1)) % xs.length;
    return [xs[i] as T, xs[j] as T];
  }
  /** 1 … max distinct items. */
  some<T>(xs: readonly T[], max: number): T[] {
    const pool = [...xs];
    const out: T[] = [];
    for (let n = this.between(1, Math.min(max, pool.length)); n > 0; n--) out.push(pool.splice(this.int(pool.length), 1)[0] as T);
    return out;
  }

  /** Runs one of the makers, chosen with the given weights. */
  weighted<T>(options: readonly (readonly [number, () => T])[]): T {
    let roll = this.int(options.reduce((sum, [w]) => sum + w, 0));
    for (const [weight, make] of options) {
      if (roll < weight) return make();
      roll -= weight;
    }
    throw new Error('weighted pick from an empty list');
  }
}
