import { afterEach } from 'vitest';
import type { ApiErrorBody, Result } from '@shared/errors';
import { openServices, type Services } from '../../electron/services/index';

/**
 * Real services on a real file, as the app opens them, with saves held until flush()/close() so
 * that each write is one the test asked for. Everything opened is closed after each test.
 */
export function useServices(log: (message: string, error?: unknown) => void = () => undefined) {
  const opened: Services[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
  });
  const start = async (dataFile: string): Promise<Services> => {
    const services = await openServices({
      dataFile,
      host: 'browser',
      osLocale: 'en-GB',
      version: '0.0.0-test',
      store: { saveDelayMs: 60_000, maxSaveDelayMs: 60_000 },
      log,
    });
    opened.push(services);
    return services;
  };
  const restart = async (services: Services, dataFile: string): Promise<Services> => {
    await services.close();
    return start(dataFile);
  };
  return { start, restart };
}

/** Calls a channel and returns its data, failing the test with the error if there is one. */
export async function call<T>(services: Services, channel: string, input?: unknown): Promise<T> {
  const result = (await services.dispatch(channel, input)) as Result<T>;
  if ('error' in result) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

/** Calls a channel that must fail and returns its error. */
export async function callError(services: Services, channel: string, input?: unknown): Promise<ApiErrorBody> {
  const result = await services.dispatch(channel, input);
  if (!('error' in result)) throw new Error(`${channel} should have failed, but returned ${JSON.stringify(result.data)}`);
  return result.error;
}
