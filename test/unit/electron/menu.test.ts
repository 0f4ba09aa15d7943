import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '@shared/api/channels';
import { buildMenuTemplate, MENU_LABELS, menuLocale, type MenuOptions } from '../../../electron/main/menu';

function build(overrides: Partial<MenuOptions> = {}) {
  const send = vi.fn<(command: MenuCommand) => void>();
  const template = buildMenuTemplate({ isMac: false, isDev: false, locale: 'en', send, ...overrides });
  return { template, send };
}

function allItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])]);
}

function byLabel(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = allItems(items).find((i) => i.label === label);
  if (!found) throw new Error(`no menu item labelled ${label}`);
  return found;
}

function click(item: MenuItemConstructorOptions): void {
  if (!item.click) throw new Error(`${item.label} has no click handler`);
  (item.click as () => void)();
}

describe('buildMenuTemplate', () => {
  it.each<[string, string | undefined, MenuCommand]>([
    ['New Account', 'CmdOrCtrl+N', 'newAccount'],
    ['Accounts', 'CmdOrCtrl+Shift+L', 'goToAccounts'],
    ['Undo', 'CmdOrCtrl+Z', 'undo'],
    ['Redo', 'CmdOrCtrl+Shift+Z', 'redo'],
    ['Toggle Light/Dark', undefined, 'toggleColorScheme'],
    ['Switch Language (中文/English)', undefined, 'toggleLanguage'],
    ['About Account Planner', undefined, 'showAbout'],
  ])('%s (%s) sends %s to the renderer', (label, accelerator, command) => {
    const { template, send } = build();
    const item = byLabel(template, label);
    expect(item.accelerator).toBe(accelerator);
    click(item);
    expect(send).toHaveBeenCalledExactlyOnceWith(command);
  });

  it('uses no undo/redo role, which would bypass the renderer history', () => {
    const roles = allItems(build().template).map((i) => i.role);
    expect(roles).not.toContain('undo');
    expect(roles).not.toContain('redo');
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']));
  });

  it('offers zoom and full screen in View', () => {
    const view = byLabel(build().template, 'View');
    const roles = (view.submenu as MenuItemConstructorOptions[]).map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']));
  });

  it('has reload and developer tools only in development', () => {
    expect(allItems(build().template).map((i) => i.role)).not.toEqual(expect.arrayContaining(['reload']));
    expect(allItems(build().template).map((i) => i.role)).not.toContain('toggleDevTools');
    expect(allItems(build({ isDev: true }).template).map((i) => i.role)).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools']),
    );
  });

  it('on Windows and Linux: File, Edit, View, Help, with Quit in File', () => {
    const { template } = build({ isMac: false });
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    const file = template[0]?.submenu as MenuItemConstructorOptions[];
    expect(file.at(-1)).toMatchObject({ role: 'quit', accelerator: 'Ctrl+Q' });
  });

  it('on macOS: the app menu first, holding About and Quit, plus a Window menu', () => {
    const { template, send } = build({ isMac: true });
    expect(template.map((m) => m.label)).toEqual(['Account Planner', 'File', 'Edit', 'View', 'Window', 'Help']);
    const appItems = template[0]?.submenu as MenuItemConstructorOptions[];
    expect(appItems.map((i) => i.role)).toEqual(expect.arrayContaining(['hide', 'hideOthers', 'unhide', 'quit']));
    click(appItems[0]!);
    expect(send).toHaveBeenCalledWith('showAbout');
    const file = template[1]?.submenu as MenuItemConstructorOptions[];
    expect(file.map((i) => i.role)).not.toContain('quit');
  });

  it('is labelled in Chinese for zh-CN, with the same commands', () => {
    const { template, send } = build({ locale: 'zh-CN' });
    expect(template.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    const item = byLabel(template, '新建客户');
    expect(item.accelerator).toBe('CmdOrCtrl+N');
    click(item);
    expect(send).toHaveBeenCalledWith('newAccount');
  });

  it('has every label translated in every locale', () => {
    const keys = Object.keys(MENU_LABELS.en).sort();
    expect(Object.keys(MENU_LABELS['zh-CN']).sort()).toEqual(keys);
    for (const label of Object.values(MENU_LABELS['zh-CN'])) expect(label.trim()).not.toBe('');
  });
});

describe('menuLocale', () => {
  it('prefers the language chosen in settings', () => {
    expect(menuLocale('zh-CN', 'en-US')).toBe('zh-CN');
    expect(menuLocale('en', 'zh-CN')).toBe('en');
  });

  it('falls back to the OS language, mapping any Chinese to zh-CN and the rest to English', () => {
    expect(menuLocale(null, 'zh-CN')).toBe('zh-CN');
    expect(menuLocale(null, 'zh-TW')).toBe('zh-CN');
    expect(menuLocale(null, 'zh')).toBe('zh-CN');
    expect(menuLocale(undefined, 'de-DE')).toBe('en');
    expect(menuLocale(null, '')).toBe('en');
  });
});
