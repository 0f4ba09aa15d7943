import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { MapPage } from './pages/MapPage';
import { WorkspacePage } from './pages/WorkspacePage';

test.use({ viewport: { width: 1600, height: 1000 } });

test('the exported picture holds every card, also those scrolled off screen', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const map = new MapPage(page);
  await accounts.goto(host.url);
  await accounts.startCreate('Export Co');
  await expect(new WorkspacePage(page).title).toHaveText('Export Co');
  await map.startTemplateButton.click();
  await map.fit();
  await expect(map.cards).toHaveCount(6);

  // Zoomed in on one seat: some of the others are off screen.
  await map.find('quality', /Head of quality/);
  await map.waitForViewportToSettle();
  const onScreen = await map.cards.evaluateAll((cards) => {
    const canvas = document.querySelector('[data-testid="buying-centre-map"]')!.getBoundingClientRect();
    return cards.filter((c) => {
      const r = c.getBoundingClientRect();
      return r.right > canvas.left && r.left < canvas.right && r.bottom > canvas.top && r.top < canvas.bottom;
    }).length;
  });
  expect(onScreen).toBeLessThan(6);

  const { download, bytes } = await map.exportSvg();
  expect(download.suggestedFilename()).toBe('Export Co - Buying centre.svg');
  const svg = bytes.toString('utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg.match(/data-testid="contact-card"/g) ?? []).toHaveLength(6);
  for (const department of ["General manager's office", 'Technical dept.', 'Quality dept.', 'Purchasing dept.', 'Production dept.', 'Finance dept.']) {
    // However the serialiser escapes the apostrophe, the text must be there.
    const forms = [department, department.replace("'", '&#39;'), department.replace("'", '&apos;')];
    expect(forms.some((form) => svg.includes(form)), department).toBe(true);
  }
});
