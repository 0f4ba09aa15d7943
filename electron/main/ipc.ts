import { CHANNELS, splitChannel, type Channel } from '@shared/api/channels';
import type { Result } from '@shared/errors';
import type { Dispatch } from '../api/dispatch';

/** What an invoke handler learns about its caller (Electron's `IpcMainInvokeEvent`). */
export interface InvokeEvent {
  readonly senderFrame: { readonly url: string } | null;
}

/** The part of Electron's `ipcMain` used here, so that tests can pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
}

/** Everything a registrar needs; `registered` is how duplicates are caught. */
export interface IpcRegistry {
  readonly ipcMain: IpcMainLike;
  readonly dispatch: Dispatch;
  /** Whether a frame at this URL is our own page. */
  readonly isTrustedSender: (frameUrl: string) => boolean;
  readonly registered: Set<string>;
  readonly log: (e: unknown) => void;
}

/**
 * Registers one channel: only our own page may call it, the input goes to `dispatch` (which
 * parses it with the contract's schema) and the caller always gets a `Result`, never a rejection.
 * Throws if the channel is already registered.
 */
export function handleChannel(registry: IpcRegistry, channel: Channel): void {
  if (registry.registered.has(channel)) throw new Error(`IPC channel registered twice: ${channel}`);
  registry.registered.add(channel);
  registry.ipcMain.handle(channel, async (event, input): Promise<Result<unknown>> => {
    const frameUrl = event.senderFrame?.url;
    if (frameUrl === undefined || !registry.isTrustedSender(frameUrl)) {
      return { error: { code: 'FORBIDDEN', message: `${channel} refused: the caller is not the app's own page` } };
    }
    try {
      return await registry.dispatch(channel, input);
    } catch (e) {
      // Dispatch promises never to throw; if it does, a Result still beats Electron's opaque rejection.
      registry.log(e);
      return { error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
    }
  });
}

function channelsOf(domain: string): Channel[] {
  return CHANNELS.filter((c) => splitChannel(c)[0] === domain);
}

function registerDomain(registry: IpcRegistry, domain: string): void {
  for (const channel of channelsOf(domain)) handleChannel(registry, channel);
}

export const registerAppIpc = (registry: IpcRegistry): void => registerDomain(registry, 'app');
export const registerStoreIpc = (registry: IpcRegistry): void => registerDomain(registry, 'store');
export const registerSettingsIpc = (registry: IpcRegistry): void => registerDomain(registry, 'settings');
export const registerAccountIpc = (registry: IpcRegistry): void => registerDomain(registry, 'account');
export const registerSampleIpc = (registry: IpcRegistry): void => registerDomain(registry, 'sample');
export const registerPlanIpc = (registry: IpcRegistry): void => registerDomain(registry, 'plan');
export const registerPipelineIpc = (registry: IpcRegistry): void => registerDomain(registry, 'pipeline');
export const registerPortfolioIpc = (registry: IpcRegistry): void => registerDomain(registry, 'portfolio');
export const registerExcelIpc = (registry: IpcRegistry): void => registerDomain(registry, 'excel');

/**
 * Registers every channel of the contract on `ipcMain`. Throws when a channel in `CHANNELS` has
 * no registrar, so that a new domain cannot ship with its calls silently unanswered.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  isTrustedSender: (frameUrl: string) => boolean,
  log: (e: unknown) => void = console.error,
): IpcRegistry {
  const registry: IpcRegistry = { ipcMain, dispatch, isTrustedSender, registered: new Set(), log };
  registerAppIpc(registry);
  registerStoreIpc(registry);
  registerPortfolioIpc(registry);
  registerSettingsIpc(registry);
  registerAccountIpc(registry);
  registerSampleIpc(registry);
  registerPlanIpc(registry);
  registerPipelineIpc(registry);
  registerExcelIpc(registry);
  const missing = CHANNELS.filter((c) => !registry.registered.has(c));
  if (missing.length) throw new Error(`IPC channels without a registrar: ${missing.join(', ')}`);
  return registry;
}
