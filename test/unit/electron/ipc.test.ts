import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '@shared/api/channels';
import type { Result } from '@shared/errors';
import type { Dispatch } from '../../../electron/api/dispatch';
import {
  handleChannel,
  registerAccountIpc,
  registerIpc,
  type InvokeEvent,
  type IpcMainLike,
  type IpcRegistry,
} from '../../../electron/main/ipc';

const APP = 'file:///app/out/renderer/index.html';
const isTrustedSender = (url: string) => url === APP;

type Listener = (event: InvokeEvent, ...args: unknown[]) => unknown;

/** Mimics ipcMain.handle, including its refusal of a second handler for one channel. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
  };
  const invoke = async (channel: string, frameUrl: string | null, ...args: unknown[]): Promise<Result<unknown>> => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event: InvokeEvent = { senderFrame: frameUrl === null ? null : { url: frameUrl } };
    return (await handler(event, ...args)) as Result<unknown>;
  };
  return { ipcMain, handlers, invoke };
}

function registry(ipcMain: IpcMainLike, dispatch: Dispatch, log = vi.fn()): IpcRegistry {
  return { ipcMain, dispatch, isTrustedSender, registered: new Set(), log };
}

describe('registerIpc', () => {
  it('registers every channel of the contract exactly once', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain, vi.fn(), isTrustedSender);
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('hands the input of a call from our page to dispatch and returns its result', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const dispatch = vi.fn<Dispatch>(async (channel, input) => ({ data: { channel, input } }));
    registerIpc(ipcMain, dispatch, isTrustedSender);

    const result = await invoke('account:create', APP, { name: 'Hemei' });
    expect(result).toEqual({ data: { channel: 'account:create', input: { name: 'Hemei' } } });
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(dispatch).toHaveBeenCalledWith('account:create', { name: 'Hemei' });
  });

  it('passes dispatch errors (such as validation) through unchanged', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const error = { error: { code: 'VALIDATION', message: 'name: must not be empty' } } as const;
    registerIpc(ipcMain, async () => error, isTrustedSender);
    expect(await invoke('account:create', APP, { name: '' })).toEqual(error);
  });

  it('refuses callers that are not our page, without reaching dispatch', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const dispatch = vi.fn<Dispatch>(async () => ({ data: 'reached' }));
    registerIpc(ipcMain, dispatch, isTrustedSender);

    for (const frame of ['https://evil.example/', 'file:///etc/passwd', `https://evil.example/?next=${APP}`, null]) {
      const result = await invoke('account:delete', frame, { id: 'a1' });
      expect(result).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns a throwing dispatch into an INTERNAL result instead of a rejected invoke', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const log = vi.fn();
    registerIpc(ipcMain, async () => { throw new Error('disk on fire'); }, isTrustedSender, log);
    expect(await invoke('account:list', APP)).toEqual({ error: { code: 'INTERNAL', message: 'disk on fire' } });
    expect(log).toHaveBeenCalledTimes(1);
  });
});

describe('handleChannel', () => {
  it('throws when a channel is registered twice, before touching ipcMain', () => {
    const { ipcMain } = fakeIpcMain();
    const handle = vi.spyOn(ipcMain, 'handle');
    const r = registry(ipcMain, vi.fn());
    handleChannel(r, 'account:list');
    expect(() => handleChannel(r, 'account:list')).toThrow(/account:list/);
    expect(handle).toHaveBeenCalledTimes(1);
  });

  it('throws when a domain registrar runs twice', () => {
    const { ipcMain } = fakeIpcMain();
    const r = registry(ipcMain, vi.fn());
    registerAccountIpc(r);
    expect(() => registerAccountIpc(r)).toThrow(/registered twice/);
  });
});

describe('registerAccountIpc', () => {
  it('registers the account channels and nothing else', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerAccountIpc(registry(ipcMain, vi.fn()));
    expect([...handlers.keys()].sort()).toEqual(CHANNELS.filter((c) => c.startsWith('account:')).sort());
  });
});
