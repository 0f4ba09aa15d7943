import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../renderer/src/app/useHashRoute';

describe('hash routes', () => {
  it('round-trips an account tab, with ids that need encoding', () => {
    const route = { page: 'account', accountId: 'a/b c', tab: 'profile' } as const;
    expect(parseRoute(routeHref(route))).toEqual(route);
  });
  it('falls back to the accounts list and to the map tab', () => {
    expect(parseRoute('')).toEqual({ page: 'accounts' });
    expect(parseRoute('#/nonsense')).toEqual({ page: 'accounts' });
    expect(parseRoute('#/accounts/x/unknown')).toEqual({ page: 'account', accountId: 'x', tab: 'map' });
  });
});
