import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '@shared/api/channels';

export type MenuLocale = 'en' | 'zh-CN';

const EN = {
  app: 'Account Planner',
  about: 'About Account Planner',
  services: 'Services',
  hide: 'Hide Account Planner',
  hideOthers: 'Hide Others',
  showAll: 'Show All',
  quit: 'Quit',
  file: 'File',
  newAccount: 'New Account',
  accounts: 'Accounts',
  close: 'Close Window',
  edit: 'Edit',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select All',
  view: 'View',
  toggleColorScheme: 'Toggle Light/Dark',
  toggleLanguage: 'Switch Language (中文/English)',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  resetZoom: 'Actual Size',
  fullscreen: 'Toggle Full Screen',
  reload: 'Reload',
  devTools: 'Toggle Developer Tools',
  window: 'Window',
  minimize: 'Minimize',
  zoom: 'Zoom',
  front: 'Bring All to Front',
  help: 'Help',
} as const;

export type MenuLabelKey = keyof typeof EN;

/** Native menu labels; the renderer's i18n resources are out of reach of the main process. */
export const MENU_LABELS: Record<MenuLocale, Record<MenuLabelKey, string>> = {
  en: EN,
  'zh-CN': {
    app: 'Account Planner',
    about: '关于 Account Planner',
    services: '服务',
    hide: '隐藏 Account Planner',
    hideOthers: '隐藏其他',
    showAll: '全部显示',
    quit: '退出',
    file: '文件',
    newAccount: '新建客户',
    accounts: '客户列表',
    close: '关闭窗口',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    toggleColorScheme: '切换浅色/深色',
    toggleLanguage: '切换语言（中文/English）',
    zoomIn: '放大',
    zoomOut: '缩小',
    resetZoom: '实际大小',
    fullscreen: '切换全屏',
    reload: '重新加载',
    devTools: '切换开发者工具',
    window: '窗口',
    minimize: '最小化',
    zoom: '缩放',
    front: '全部置于顶层',
    help: '帮助',
  },
};

/** The menu language: the user's choice in settings, else the operating system's. */
export function menuLocale(chosen: string | null | undefined, osLocale: string): MenuLocale {
  const locale = (chosen || osLocale).toLowerCase();
  return locale === 'zh' || locale.startsWith('zh-') || locale.startsWith('zh_') ? 'zh-CN' : 'en';
}

export interface MenuOptions {
  isMac: boolean;
  /** Shows reload and the developer tools, which in a release would only lose unsaved edits. */
  isDev: boolean;
  locale: MenuLocale;
  /** Forwards a command to the renderer (`menu:command`), which owns undo and navigation. */
  send: (command: MenuCommand) => void;
}

/**
 * The application menu. Undo and redo are commands for the renderer's history rather than the
 * `undo`/`redo` roles, which would only reach a focused text field.
 */
export function buildMenuTemplate({ isMac, isDev, locale, send }: MenuOptions): MenuItemConstructorOptions[] {
  const t = MENU_LABELS[locale];
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(cmd),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions = {
    label: t.app,
    submenu: [
      command(t.about, 'showAbout'),
      separator,
      { role: 'services', label: t.services },
      separator,
      { role: 'hide', label: t.hide },
      { role: 'hideOthers', label: t.hideOthers },
      { role: 'unhide', label: t.showAll },
      separator,
      { role: 'quit', label: t.quit },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      command(t.newAccount, 'newAccount', 'CmdOrCtrl+N'),
      command(t.accounts, 'goToAccounts', 'CmdOrCtrl+Shift+L'),
      separator,
      isMac ? { role: 'close', label: t.close } : { role: 'quit', label: t.quit, accelerator: 'Ctrl+Q' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      command(t.undo, 'undo', 'CmdOrCtrl+Z'),
      command(t.redo, 'redo', 'CmdOrCtrl+Shift+Z'),
      separator,
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      { role: 'selectAll', label: t.selectAll },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      command(t.toggleColorScheme, 'toggleColorScheme'),
      command(t.toggleLanguage, 'toggleLanguage'),
      separator,
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      { role: 'resetZoom', label: t.resetZoom },
      separator,
      { role: 'togglefullscreen', label: t.fullscreen },
      ...(isDev
        ? [separator, { role: 'reload', label: t.reload } as const, { role: 'toggleDevTools', label: t.devTools } as const]
        : []),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: t.window,
    role: 'windowMenu',
    submenu: [
      { role: 'minimize', label: t.minimize },
      { role: 'zoom', label: t.zoom },
      separator,
      { role: 'front', label: t.front },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: t.help,
    role: 'help',
    submenu: isMac ? [] : [command(t.about, 'showAbout')],
  };

  return isMac
    ? [appMenu, fileMenu, editMenu, viewMenu, windowMenu, helpMenu]
    : [fileMenu, editMenu, viewMenu, helpMenu];
}
