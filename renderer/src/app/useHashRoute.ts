import { useCallback, useSyncExternalStore } from 'react';

export type WorkspaceTab = 'map' | 'deals' | 'profile' | 'value' | 'group' | 'activity' | 'report';
export type Route =
  | { page: 'accounts' }
  | { page: 'portfolio' }
  | { page: 'pipeline' }
  | { page: 'nextSteps' }
  | { page: 'account'; accountId: string; tab: WorkspaceTab; dealId?: string };

const TABS: readonly WorkspaceTab[] = ['map', 'deals', 'profile', 'value', 'group', 'activity', 'report'];

/** `#/accounts/<id>/<tab>[/<deal id>]`, `#/portfolio`, `#/pipeline`, `#/next-steps` ↔ Route. The hash keeps the place across a reload. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'portfolio') return { page: 'portfolio' };
  if (parts[0] === 'pipeline') return { page: 'pipeline' };
  if (parts[0] === 'next-steps') return { page: 'nextSteps' };
  if (parts[0] === 'accounts' && parts[1]) {
    const tab = TABS.find((t) => t === parts[2]) ?? 'map';
    return tab === 'deals' && parts[3] ? { page: 'account', accountId: parts[1], tab, dealId: parts[3] } : { page: 'account', accountId: parts[1], tab };
  }
  return { page: 'accounts' };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'accounts':
      return '#/accounts';
    case 'portfolio':
      return '#/portfolio';
    case 'pipeline':
      return '#/pipeline';
    case 'nextSteps':
      return '#/next-steps';
    case 'account': {
      const base = `#/accounts/${encodeURIComponent(route.accountId)}/${route.tab}`;
      return route.dealId ? `${base}/${encodeURIComponent(route.dealId)}` : base;
    }
  }
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
