import { useEffect, useState } from 'react';
import { useDataVersion } from './data-version';

export type QueryState<T> = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ok'; data: T };

/** Loads something through the API and reloads it whenever stored data changes. */
export function useApiQuery<T>(load: () => Promise<T>, deps: readonly unknown[]): QueryState<T> {
  const version = useDataVersion();
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  useEffect(() => {
    let alive = true;
    load().then(
      (data) => alive && setState({ status: 'ok', data }),
      (error: Error) => alive && setState({ status: 'error', error }),
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what `load` depends on in `deps`
  }, [version, ...deps]);
  return state;
}
