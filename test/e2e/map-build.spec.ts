import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { MapPage, pngSize, type Attitude } from './pages/MapPage';
import { WorkspacePage } from './pages/WorkspacePage';

test.use({ viewport: { width: 1600, height: 1000 } });

interface Person {
  name: string;
  /** Title (the general manager) or department (everyone else), typed into the panel. */
  title?: string;
  department?: string;
  role: 'decider' | 'authority' | 'influencer' | 'executor' | 'user' | 'payer';
  roleName: RegExp;
  attitude: Attitude;
  stars: 0 | 1 | 2 | 3 | 4 | 5;
  coach?: boolean;
}

/** 六和集团 和美饲料公司: the general manager, and his five reports. */
const BOSS: Person = { name: '黄炳亮', title: '总经理', role: 'decider', roleName: /Decision maker/, attitude: 'Unknown', stars: 2 };
const REPORTS: Person[] = [
  { name: '吕文斌', department: '技术部', role: 'authority', roleName: /Technical authority/, attitude: 'Supporter', stars: 3 },
  { name: '杨部长', department: '质检部', role: 'influencer', roleName: /Influencer/, attitude: 'Neutral', stars: 0 },
  { name: '阚方玉', department: '采购部', role: 'executor', roleName: /Executor/, attitude: 'Supporter', stars: 4, coach: true },
  { name: '黄厂长', department: '生产部', role: 'user', roleName: /^User/, attitude: 'Unknown', stars: 0 },
  { name: '刘部长', department: '财务部', role: 'payer', roleName: /Payer/, attitude: 'Unknown', stars: 0 },
];
const PEOPLE = [BOSS, ...REPORTS];

test('the 和美饲料 buying centre built by keyboard and mouse survives a reload and a restart, and exports as PNG', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const map = new MapPage(page);
  await accounts.goto(host.url);
  await accounts.startCreate('和美饲料');
  await expect(workspace.title).toHaveText('和美饲料');
  await expect(map.emptyState).toBeVisible();
  const accountId = workspace.accountId();

  // The org chart, typed: the boss, Tab for his first report, Enter for each peer.
  await map.startEmpty(BOSS.name);
  const [first, ...peers] = REPORTS;
  await map.addReport(first!.name);
  for (const p of peers) await map.addPeer(p.name);
  // The canvas draws only the cards on screen: zoom to fit before counting.
  await map.fit();
  await expect(map.cards).toHaveCount(6);
  await expect(map.reportsToEdges).toHaveCount(5);
  await expect(map.emptyState).toHaveCount(0);

  // Who they are and what we think of them, through the details panel.
  for (const p of PEOPLE) {
    await map.clickCard(p.name);
    if (p.title) await map.setText(map.panelTitle, p.title);
    if (p.department) await map.setText(map.panelDepartment, p.department);
    await map.setRole(p.roleName);
    await expect(map.card(p.name)).toHaveAttribute('data-role', p.role);
    if (p.attitude !== 'Unknown') await map.setAttitude(p.attitude);
    if (p.stars > 0) await map.setStars(p.stars as 1 | 2 | 3 | 4 | 5);
    if (p.coach) await map.setCoach(true);
    await expect(map.card(p.name)).toHaveAttribute('data-attitude', p.attitude.toLowerCase());
    await expect(map.card(p.name)).toHaveAttribute('data-stars', String(p.stars));
  }
  await expect(map.coachBadges).toHaveCount(1);
  await expect(map.card('阚方玉').getByTestId('coach-badge')).toBeVisible();

  // One influence line, drawn with the mouse from the purchaser's bottom handle to the tech lead's top handle.
  await map.fit();
  await map.drawInfluenceLine('阚方玉', '吕文斌');
  await expect(map.lineLabel).toBeFocused();
  await expect(map.linePanel).toContainText('阚方玉 → 吕文斌');
  await map.labelLine('信任');
  await expect(map.influenceEdges).toHaveCount(1);
  await expect(map.edges).toHaveCount(6);
  await expect(map.edgeLabels).toHaveText(['信任']);

  // With every role filled and a coach, those gaps are no longer flagged.
  await map.insightsTab.click();
  // Three stars or more is a strong relationship.
  for (const p of PEOPLE) await expect(map.coverage(p.role)).toHaveAttribute('data-status', p.stars >= 3 ? 'strong' : 'weak');
  await expect(map.flag('deciderAttitudeUnknown')).toHaveCount(1);
  await expect(map.flag('noCoach')).toHaveCount(0);
  await expect(map.flag('roleEmpty')).toHaveCount(0);
  await expect(map.flag('deciderWeak')).toHaveCount(0);

  const expectIntact = async ({ panel }: { panel: boolean }) => {
    await map.fit();
    await expect(map.cards).toHaveCount(6);
    for (const p of PEOPLE) {
      const card = map.card(p.name);
      await expect(card).toHaveAttribute('data-role', p.role);
      await expect(card).toHaveAttribute('data-attitude', p.attitude.toLowerCase());
      await expect(card).toHaveAttribute('data-stars', String(p.stars));
    }
    await expect(map.coachBadges).toHaveCount(1);
    await expect(map.card('阚方玉').getByTestId('coach-badge')).toHaveCount(1);
    await expect(map.reportsToEdges).toHaveCount(5);
    await expect(map.influenceEdges).toHaveCount(1);
    await expect(map.edges).toHaveCount(6);
    await expect(map.edgeLabels).toHaveText(['信任']);
    if (!panel) return;
    // Reports-to, title and department, as the panel shows them.
    await map.clickCard(BOSS.name);
    await expect(map.panelTitle).toHaveValue(BOSS.title!);
    await expect(map.panelReportsTo).toHaveValue('—');
    for (const p of REPORTS) {
      await map.clickCard(p.name);
      await expect(map.panelDepartment).toHaveValue(p.department!);
      await expect(map.panelReportsTo).toHaveValue(BOSS.name);
      await expect(map.panelCoach).toBeChecked({ checked: p.coach === true });
    }
  };

  await map.saved();
  await workspace.reload();
  await expectIntact({ panel: false });

  await host.restart();
  await workspace.goto(host.url, accountId);
  await expectIntact({ panel: true });

  // The picture: six cards in two rows, drawn at full size.
  const { download, bytes } = await map.exportPng();
  expect(download.suggestedFilename()).toBe('和美饲料 - Buying centre.png');
  expect(bytes.length).toBeGreaterThan(20_000);
  const { width, height } = pngSize(bytes);
  expect(width).toBeGreaterThan(800);
  expect(height).toBeGreaterThan(300);
  expect(width).toBeGreaterThan(height);
});
