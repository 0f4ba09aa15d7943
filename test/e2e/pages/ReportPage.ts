import { randomUUID } from 'node:crypto';
import { expect, type Locator, type Page } from '@playwright/test';
import { callApi } from './ui';

/** The printable account plan report on an account's Report tab. */
export class ReportPage {
  readonly sheet: Locator;
  readonly printButton: Locator;
  readonly printHint: Locator;
  readonly accountName: Locator;
  readonly grade: Locator;
  readonly map: Locator;
  readonly mapCards: Locator;
  readonly coverage: Locator;
  readonly flagCount: Locator;
  readonly flags: Locator;
  readonly deals: Locator;
  readonly actions: Locator;
  readonly activities: Locator;
  readonly health: Locator;
  readonly matrixCell: Locator;
  readonly annualPurchases: Locator;
  readonly orders12: Locator;
  readonly yoy: Locator;
  readonly netProfit: Locator;
  readonly expectedPurchases: Locator;
  readonly intent: Locator;
  readonly scoreNote: Locator;

  constructor(readonly page: Page) {
    this.sheet = page.getByTestId('account-report');
    this.printButton = page.getByTestId('print-report');
    this.printHint = page.getByTestId('print-hint');
    this.accountName = this.sheet.getByTestId('report-account-name');
    this.grade = this.sheet.getByTestId('report-grade');
    this.map = this.sheet.getByTestId('report-map');
    this.mapCards = this.map.getByTestId('contact-card');
    this.coverage = this.sheet.getByTestId('report-coverage');
    this.flagCount = this.sheet.getByTestId('report-flag-count');
    this.flags = this.sheet.getByTestId('report-flag');
    this.deals = this.sheet.getByTestId('report-deal');
    this.actions = this.sheet.getByTestId('report-action');
    this.activities = this.sheet.getByTestId('report-activity');
    this.health = this.sheet.getByTestId('report-health');
    this.matrixCell = this.sheet.getByTestId('report-matrix-cell');
    this.annualPurchases = this.sheet.getByTestId('report-annual-purchases');
    this.orders12 = this.sheet.getByTestId('report-orders12');
    this.yoy = this.sheet.getByTestId('report-yoy');
    this.netProfit = this.sheet.getByTestId('report-net-profit');
    this.expectedPurchases = this.sheet.getByTestId('report-expected-purchases');
    this.intent = this.sheet.getByTestId('report-intent');
    this.scoreNote = this.grade.locator('.ap-report-grade-note');
  }

  /** A contact's card in the report's map picture, by name. */
  mapCard(name: string): Locator {
    return this.map.locator(`[data-testid="contact-card"][data-contact-name="${name}"]`);
  }

  /** One role's line in the coverage table. */
  coverageRow(role: string): Locator {
    return this.coverage.locator(`tr[data-role="${role}"]`);
  }

  /** A deal's line in the open-deals table, by name. */
  deal(name: string): Locator {
    return this.sheet.locator(`[data-testid="report-deal"][data-deal-name="${name}"]`);
  }

  /** Waits until the report is drawn, map included. */
  async waitForReady(cards: number): Promise<void> {
    await expect(this.sheet).toBeVisible();
    await expect(this.mapCards).toHaveCount(cards);
    await expect(this.health).toBeVisible();
  }

  /**
   * Makes an account big through the API (more people, deals, next actions and logged
   * activities than the report lists), then reloads the page.
   */
  async growAccount(accountId: string, count: number): Promise<void> {
    type Item = Record<string, unknown> & { id: string };
    const account = (await callApi(this.page, 'account:get', { id: accountId })) as Record<'contacts' | 'deals' | 'actions' | 'activities', Item[]>;
    const now = new Date().toISOString();
    const stamp = () => ({ id: randomUUID(), createdAt: now, updatedAt: now });
    const [boss, model] = account.contacts as [Item, Item];
    const people = Array.from({ length: count }, (_, i) => ({
      ...model,
      ...stamp(),
      name: `Person ${i} with a long name`,
      reportsToId: boss.id,
      isCoach: false,
      attitude: i % 2 ? 'opponent' : 'neutral',
      influence: 'high',
      position: null,
    }));
    account.contacts = [...account.contacts, ...people];
    const deal = account.deals[0] as Item;
    account.deals = [
      ...account.deals,
      ...Array.from({ length: count }, (_, i) => ({ ...deal, ...stamp(), name: `A rather long deal name, number ${i}, for the new premix plant`, expectedCloseDate: '2024-01-01', buyingCentre: [], criteria: [], competitors: [], meetings: [] })),
    ];
    const action = account.actions[0] as Item;
    account.actions = [
      ...account.actions,
      ...Array.from({ length: count }, (_, i) => ({ ...action, ...stamp(), what: `Follow-up ${i}: the quotation and the technical trial with the plant manager and purchasing`, when: '2024-02-01' })),
    ];
    const activity = account.activities[0] as Item;
    account.activities = [
      ...account.activities,
      ...Array.from({ length: count }, (_, i) => ({ ...activity, ...stamp(), date: '2025-01-01', summary: `Long talk ${i} on pricing, delivery schedules and the trial at the Qingdao plant` })),
    ];
    await callApi(this.page, 'account:replace', { account });
    await this.page.reload();
  }

  /**
   * Adds people to an account's map through the API, each reporting to a person already there
   * (or added before it) by name, then reloads the page.
   */
  async addStaff(accountId: string, people: readonly { name: string; boss: string }[]): Promise<void> {
    type Item = Record<string, unknown> & { id: string; name: string };
    const account = (await callApi(this.page, 'account:get', { id: accountId })) as Record<'contacts', Item[]>;
    const now = new Date().toISOString();
    const model = account.contacts[0] as Item;
    const idOf = new Map(account.contacts.map((c) => [c.name, c.id]));
    for (const [i, p] of people.entries()) {
      const boss = idOf.get(p.boss);
      if (!boss) throw new Error(`No ${p.boss} on the map`);
      const id = randomUUID();
      idOf.set(p.name, id);
      account.contacts.push({
        ...model,
        id,
        createdAt: now,
        updatedAt: now,
        name: p.name,
        reportsToId: boss,
        isCoach: false,
        role: i % 2 ? 'user' : 'influencer',
        attitude: i % 3 ? 'neutral' : 'supporter',
        position: null,
      });
    }
    await callApi(this.page, 'account:replace', { account });
    await this.page.reload();
  }

  /** Renders the page to a PDF the way "Save as PDF" does, and counts its pages. */
  async pdf(): Promise<{ bytes: Buffer; pages: number }> {
    const bytes = await this.page.pdf({ format: 'A4', printBackground: true });
    const pages = bytes.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    return { bytes, pages };
  }
}
