import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Types only from the contract: the sandboxed preload is one CommonJS file and must not bundle zod.
import type { Input, Output, PlannerApi } from '@shared/api/contract';
import { MENU_COMMANDS, type Channel, type MenuCommand } from '@shared/api/channels';
import type { Result } from '@shared/errors';

/** One named method per channel; the channel is fixed here, never chosen by the page. */
function call<C extends Channel>(channel: C) {
  return (input?: Input<C>) => ipcRenderer.invoke(channel, input) as Promise<Result<Output<C>>>;
}

const api = {
  app: { status: call('app:status') },
  settings: { get: call('settings:get'), update: call('settings:update') },
  account: {
    list: call('account:list'),
    get: call('account:get'),
    create: call('account:create'),
    rename: call('account:rename'),
    update: call('account:update'),
    delete: call('account:delete'),
    restore: call('account:restore'),
    replace: call('account:replace'),
  },
  store: { status: call('store:status'), copy: call('store:copy') },
  sample: { load: call('sample:load') },
  plan: { apply: call('plan:apply') },
  pipeline: { list: call('pipeline:list'), overdue: call('pipeline:overdue') },
  portfolio: { list: call('portfolio:list') },
  excel: { export: call('excel:export'), preview: call('excel:preview'), apply: call('excel:apply'), progress: call('excel:progress') },
} satisfies PlannerApi;

const isMenuCommand = (v: unknown): v is MenuCommand => (MENU_COMMANDS as readonly unknown[]).includes(v);

/**
 * Subscribes to commands from the native menu; returns the unsubscribe function. The IPC event
 * itself is not passed on, as it would hand the page a reference to `ipcRenderer`'s sender.
 */
function onMenuCommand(callback: (command: MenuCommand) => void): () => void {
  const listener = (_event: IpcRendererEvent, command: unknown): void => {
    if (isMenuCommand(command)) callback(command);
  };
  ipcRenderer.on('menu:command', listener);
  return () => {
    ipcRenderer.removeListener('menu:command', listener);
  };
}

/** What the page sees as `window.planner`. */
export type PlannerBridge = PlannerApi & {
  readonly host: 'electron';
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
};

const bridge: PlannerBridge = { ...api, host: 'electron', onMenuCommand };

contextBridge.exposeInMainWorld('planner', bridge);
