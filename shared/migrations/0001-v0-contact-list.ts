import type { Migration } from './types';

const ROLE_LABELS: Record<string, string> = {
  决策者: 'decider',
  权威者: 'authority',
  影响者: 'influencer',
  执行者: 'executor',
  使用者: 'user',
  付款者: 'payer',
};
const ATTITUDE_LABELS: Record<string, string> = {
  支持: 'supporter',
  中立: 'neutral',
  反对: 'opponent',
  未知: 'unknown',
};

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

function stars(value: unknown): number {
  if (typeof value === 'number') return Math.max(0, Math.min(5, Math.round(value)));
  if (typeof value === 'string') return Math.min(5, [...value].filter((ch) => ch === '★').length);
  return 0;
}

function contact(raw: unknown, now: string): unknown {
  if (!isObject(raw)) return raw;
  const { dept, boss, role, attitude, stars: rawStars, coach, ...rest } = raw;
  return {
    createdAt: now,
    updatedAt: now,
    ...rest,
    department: typeof dept === 'string' ? dept : '',
    reportsToId: typeof boss === 'string' && boss !== '' ? boss : null,
    role: typeof role === 'string' ? (ROLE_LABELS[role] ?? role) : null,
    attitude: typeof attitude === 'string' ? (ATTITUDE_LABELS[attitude] ?? attitude) : 'unknown',
    stars: stars(rawStars),
    isCoach: coach === true,
  };
}

/**
 * v0 → v1. Version 0 files were a bare `{ accounts }` object written by the prototype: contacts
 * had `dept`, a `boss` id, Chinese role and attitude labels, stars as "★★★" and a `coach` flag,
 * and no timestamps. Unknown keys are kept.
 */
export const m0001: Migration = {
  version: 1,
  name: '0001-v0-contact-list',
  up(data, { now }) {
    if (!isObject(data)) return data;
    const accounts = Array.isArray(data.accounts) ? data.accounts : [];
    return {
      ...data,
      accounts: accounts.map((account) => {
        if (!isObject(account)) return account;
        const contacts = Array.isArray(account.contacts) ? account.contacts : [];
        return {
          createdAt: now,
          updatedAt: now,
          ...account,
          contacts: contacts.map((c) => contact(c, now)),
        };
      }),
    };
  },
};
