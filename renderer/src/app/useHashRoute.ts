import { useCallback, useSyncExternalStore } from 'react';

export type WorkspaceTab = 'map' | 'deals' | 'profile';
export type Route = { page: 'accounts' } | { page: 'account'; accountId: string; tab: WorkspaceTab };

const TABS: readonly WorkspaceTab[] = ['map', 'deals', 'profile'];

/** `#/accounts/<id>/<tab>` ↔ Route. The hash keeps the place across a reload. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'accounts' && parts[1]) {
    const tab = TABS.find((t) => t === parts[2]) ?? 'map';
    return { page: 'account', accountId: parts[1], tab };
  }
  return { page: 'accounts' };
}

export function routeHref(route: Route): string {
  return route.page === 'accounts' ? '#/accounts' : `#/accounts/${encodeURIComponent(route.accountId)}/${route.tab}`;
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useHashRoute(): [Route, (route: Route) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const navigate = useCallback((route: Route) => {
    window.location.hash = routeHref(route);
  }, []);
  return [parseRoute(hash), navigate];
}
