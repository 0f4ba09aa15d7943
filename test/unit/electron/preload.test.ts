import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, MENU_COMMANDS, splitChannel } from '@shared/api/channels';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, input: unknown) => ({ data: { channel, input } })),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      }),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(listener);
      }),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

type Method = (input?: unknown) => Promise<unknown>;
let exposedName: unknown;
let bridge: Record<string, unknown>;

beforeAll(async () => {
  await import('../../../electron/preload/index');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  [exposedName, bridge] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
});

function emitMenu(...args: unknown[]): void {
  for (const l of electron.listeners.get('menu:command') ?? []) l({ sender: 'ipcRenderer' }, ...args);
}

describe('preload bridge', () => {
  it('is exposed as window.planner for the Electron host', () => {
    expect(exposedName).toBe('planner');
    expect(bridge.host).toBe('electron');
  });

  it('has one method per channel, each invoking exactly that channel with the input', async () => {
    for (const channel of CHANNELS) {
      const [domain, verb] = splitChannel(channel);
      const method = (bridge[domain] as Record<string, Method> | undefined)?.[verb];
      expect(method, channel).toBeTypeOf('function');
      await expect(method!({ probe: channel })).resolves.toEqual({ data: { channel, input: { probe: channel } } });
    }
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(CHANNELS.length);
  });

  it('offers nothing beyond the contract: no generic invoke or send', () => {
    const domains = new Set(CHANNELS.map((c) => splitChannel(c)[0]));
    expect(Object.keys(bridge).sort()).toEqual([...domains, 'host', 'onMenuCommand'].sort());
    for (const domain of domains) {
      const verbs = CHANNELS.filter((c) => splitChannel(c)[0] === domain).map((c) => splitChannel(c)[1]);
      expect(Object.keys(bridge[domain] as object).sort(), domain).toEqual(verbs.sort());
    }
  });

  it('delivers menu commands without the IPC event, until unsubscribed', () => {
    const onMenuCommand = bridge.onMenuCommand as (cb: (command: string) => void) => () => void;
    const received: unknown[][] = [];
    const unsubscribe = onMenuCommand((...args) => received.push(args));

    emitMenu('undo');
    emitMenu('showAbout');
    expect(received).toEqual([['undo'], ['showAbout']]);

    unsubscribe();
    emitMenu('redo');
    expect(received).toHaveLength(2);
    expect(electron.listeners.get('menu:command')?.size).toBe(0);
  });

  it('drops menu payloads that are not known commands', () => {
    const onMenuCommand = bridge.onMenuCommand as (cb: (command: string) => void) => () => void;
    const received: string[] = [];
    const unsubscribe = onMenuCommand((c) => received.push(c));
    emitMenu('rm -rf');
    emitMenu({ command: 'undo' });
    emitMenu(MENU_COMMANDS[0]);
    expect(received).toEqual([MENU_COMMANDS[0]]);
    unsubscribe();
  });
});
