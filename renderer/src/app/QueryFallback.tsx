import { Center, Loader, Text } from '@mantine/core';
import { errorText } from './errors';
import type { QueryState } from './useApiQuery';

/** What a page shows while its data loads or when loading failed; null once the data is there. */
export function queryFallback(query: QueryState<unknown>) {
  if (query.status === 'loading') {
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  }
  if (query.status === 'error') return <Text c="red">{errorText(query.error)}</Text>;
  return null;
}
