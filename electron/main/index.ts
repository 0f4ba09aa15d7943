import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import type { EventChannel, MenuCommand } from '@shared/api/channels';
import type { Settings } from '@shared/model/database';
import type { Dispatch } from '../api/dispatch';
import { isInAppFolder, resolveDataFile } from '../services/paths';
import { openServices, type Services } from '../services/index';
import { denyAllPermissions, hardenWebContents } from './harden-web-contents';
import { registerIpc } from './ipc';
import { buildMenuTemplate, menuLocale } from './menu';
import { askBeforeQuit, createQuitGuard, isQuitRisky, trackDispatch, type QuitDialogs, type QuitGuard, type QuitLocale } from './quit-guard';
import { isAppUrl, resolveAppUrl } from './trusted-url';
import { createWindowOptions, DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE } from './window-options';
import { loadWindowState, sanitizeBounds, saveWindowState, WINDOW_STATE_FILE } from './window-state';

const MENU_EVENT = 'menu:command' satisfies EventChannel;
const here = import.meta.dirname;
const rendererIndex = path.join(here, '../renderer/index.html');
const { url: appUrl, isDevServer } = resolveAppUrl({
  isPackaged: app.isPackaged,
  env: process.env,
  rendererIndexUrl: pathToFileURL(rendererIndex).href,
});

let mainWindow: BrowserWindow | null = null;
let quitGuard: QuitGuard | null = null;
let quitLocale: QuitLocale = 'en';

function sendMenuCommand(command: MenuCommand): void {
  mainWindow?.webContents.send(MENU_EVENT, command);
}

function applyMenu(chosenLocale: string | null): void {
  quitLocale = menuLocale(chosenLocale, app.getLocale());
  const template = buildMenuTemplate({
    isMac: process.platform === 'darwin',
    isDev: !app.isPackaged,
    locale: quitLocale,
    send: sendMenuCommand,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** The services' dispatch, rebuilding the native menu when the user switches language. */
function withMenuLanguage(dispatch: Dispatch): Dispatch {
  return async (channel, input) => {
    const result = await dispatch(channel, input);
    if (channel === 'settings:update' && 'data' in result) applyMenu((result.data as Settings).locale);
    return result;
  };
}

function createMainWindow(): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), WINDOW_STATE_FILE);
  const saved = loadWindowState(stateFile);
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const bounds = sanitizeBounds(saved?.bounds, workAreas, {
    ...DEFAULT_WINDOW_SIZE,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
  });

  const win = new BrowserWindow(createWindowOptions({ preloadPath: path.join(here, '../preload/index.cjs'), bounds }));
  win.once('ready-to-show', () => {
    // Maximising shows the window, so it waits until there is something to show.
    if (saved?.isMaximized) win.maximize();
    win.show();
  });
  win.on('close', (event) => {
    // Closing the last window ends the app except on macOS: ask while the window is still there.
    if (process.platform !== 'darwin') quitGuard?.windowClosing(event);
    saveWindowState(stateFile, { bounds: win.getNormalBounds(), isMaximized: win.isMaximized() });
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });

  if (isDevServer) void win.loadURL(appUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

/** Native dialogs in front of the main window (or free-standing once it has gone). */
function windowDialogs(): QuitDialogs {
  const win = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
  return {
    showMessageBox: (options) => (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options)),
    showSaveDialog: (options) => (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options)),
  };
}

/** Closes every window and waits until they are gone: an autosave a page sends on its way out still reaches the database. */
function closeWindows(): Promise<void> {
  const closing = BrowserWindow.getAllWindows().map(
    (win) =>
      new Promise<void>((resolve) => {
        if (win.isDestroyed()) return resolve();
        win.once('closed', () => resolve());
        win.close();
      }),
  );
  return Promise.all(closing).then(() => undefined);
}

function showMainWindow(): void {
  if (!mainWindow) {
    mainWindow = createMainWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  // Registered before any window exists so that no web contents escapes it, devtools included.
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, appUrl, (url) => shell.openExternal(url)),
  );

  let opened: Services | null = null;
  let dataFile = '';
  const servicesReady: Promise<Services> = app.whenReady().then(async () => {
    dataFile = resolveDataFile({ argv: process.argv, env: process.env, userDataDir: app.getPath('userData'), cwd: process.cwd() });
    opened = await openServices({
      dataFile,
      inAppFolder: isInAppFolder(dataFile, app.getPath('userData')),
      host: 'electron',
      osLocale: app.getLocale(),
      version: app.getVersion(),
    });
    return opened;
  });
  const dispatches = servicesReady.then((s) => trackDispatch(s.dispatch));
  quitGuard = createQuitGuard({
    close: async () => {
      await closeWindows();
      await (await dispatches).settled();
      await (await servicesReady).close();
    },
    quit: () => app.quit(),
    hasUnsavedWork: () => opened !== null && isQuitRisky(opened.saveStatus()),
    askBeforeQuit: async () => {
      const services = await servicesReady;
      return askBeforeQuit({
        status: services.saveStatus(),
        locale: quitLocale,
        dialogs: windowDialogs(),
        saveCopy: (target) => services.saveCopy(target),
        defaultCopyPath: path.join(app.getPath('documents'), `${path.basename(dataFile, '.json')} copy.json`),
      });
    },
    onCancel: () => {
      if (BrowserWindow.getAllWindows().length === 0) showMainWindow();
    },
  });
  app.on('before-quit', quitGuard);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  const services = await servicesReady;
  denyAllPermissions(session.defaultSession);
  registerIpc(ipcMain, withMenuLanguage((await dispatches).dispatch), (frameUrl) => isAppUrl(frameUrl, appUrl));
  const settings = await services.dispatch('settings:get', undefined);
  applyMenu('data' in settings ? (settings.data as Settings).locale : null);

  // Only now: a window opened earlier would call channels that are not registered yet.
  app.on('second-instance', showMainWindow);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) showMainWindow();
  });
  showMainWindow();
}

if (app.requestSingleInstanceLock()) {
  start().catch((e: unknown) => {
    console.error(e);
    app.exit(1);
  });
} else {
  // Another instance owns the database file; it comes forward through its second-instance event.
  app.quit();
}
