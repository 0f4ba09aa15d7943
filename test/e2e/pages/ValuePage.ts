import { expect, type Locator, type Page } from '@playwright/test';
import { pickOption } from './ui';

export type Factor =
  | 'annualPurchases'
  | 'annualDiscounts'
  | 'costToServe'
  | 'annualNetProfit'
  | 'historicalContribution'
  | 'yearsOfCooperation'
  | 'budgetedTotalProfit'
  | 'backgroundStrength'
  | 'potential'
  | 'influenceReferral';

export const FACTORS: readonly Factor[] = [
  'annualPurchases',
  'annualDiscounts',
  'costToServe',
  'annualNetProfit',
  'historicalContribution',
  'yearsOfCooperation',
  'budgetedTotalProfit',
  'backgroundStrength',
  'potential',
  'influenceReferral',
];

export type Sign =
  | 'ordersSpread'
  | 'strategyChange'
  | 'newPurchasingModel'
  | 'channelConflict'
  | 'stockOuts'
  | 'priceRises'
  | 'greyImports'
  | 'brokenPromises'
  | 'partnerStaffLeaving';

/** The account's "Value & health" tab and the weights & thresholds dialog. */
export class ValuePage {
  readonly root: Locator;
  readonly saveState: Locator;
  readonly score: Locator;
  readonly suggestedGrade: Locator;
  readonly gradeOverride: Locator;
  readonly overriddenBadge: Locator;
  readonly factorsEntered: Locator;
  /** Why there is no score (no factors, or weights of 0). */
  readonly noScoreReason: Locator;
  /** "Orders, last 12 months" under annual purchases, and its "Use this" button. */
  readonly ordersLast12: Locator;
  readonly useOrders: Locator;
  readonly health: Locator;
  readonly matrixCell: Locator;
  readonly matrixGridCells: Locator;
  readonly healthLevel: Locator;
  readonly healthPoints: Locator;
  readonly signals: Locator;
  readonly warningSigns: Locator;
  readonly channelSigns: Locator;
  readonly openSettingsButton: Locator;
  readonly settings: Locator;
  readonly settingsSave: Locator;
  readonly settingsReset: Locator;
  readonly settingsError: Locator;
  readonly weightsError: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('value-health');
    this.saveState = page.getByTestId('value-save-state');
    this.score = page.getByTestId('value-score');
    this.suggestedGrade = page.getByTestId('suggested-grade');
    this.gradeOverride = page.getByTestId('grade-override');
    this.overriddenBadge = page.getByTestId('grade-overridden');
    this.factorsEntered = page.getByTestId('factors-entered');
    this.noScoreReason = page.getByTestId('no-score-reason');
    this.ordersLast12 = page.getByTestId('orders-last12');
    this.useOrders = page.getByTestId('use-orders-last12');
    this.health = page.getByTestId('health-section');
    this.matrixCell = page.getByTestId('matrix-cell');
    this.matrixGridCells = page.getByTestId('matrix-grid-cell');
    this.healthLevel = page.getByTestId('health-level');
    this.healthPoints = page.getByTestId('health-points');
    this.signals = page.getByTestId('health-signal');
    this.warningSigns = page.getByTestId('warning-sign');
    this.channelSigns = page.getByTestId('channel-signs').getByTestId('warning-sign');
    this.openSettingsButton = page.getByTestId('open-valuation-settings');
    this.settings = page.getByTestId('valuation-settings');
    this.settingsSave = page.getByTestId('valuation-settings-save');
    this.settingsReset = page.getByTestId('valuation-settings-reset');
    this.settingsError = page.getByTestId('valuation-settings-error');
    this.weightsError = page.getByTestId('weights-error');
  }

  factor(f: Factor): Locator {
    return this.page.getByTestId(`value-factor-${f}`);
  }

  /** The factor's field wrapper, where its error message shows. */
  factorRow(f: Factor): Locator {
    return this.page.locator(`[data-testid="value-factor-row"][data-factor="${f}"]`);
  }

  sign(s: Sign): Locator {
    return this.page.getByTestId(`sign-${s}`);
  }

  signRow(s: Sign): Locator {
    return this.page.locator(`[data-testid="warning-sign"][data-sign="${s}"]`);
  }

  since(s: Sign): Locator {
    return this.page.getByTestId(`sign-${s}-since`);
  }

  notes(s: Sign): Locator {
    return this.page.getByTestId(`sign-${s}-notes`);
  }

  weight(f: Factor): Locator {
    return this.page.getByTestId(`weight-${f}`);
  }

  gradeThreshold(g: 'A1' | 'A2' | 'A3' | 'B1' | 'B2' | 'C1'): Locator {
    return this.page.getByTestId(`grade-threshold-${g}`);
  }

  /** Waits until the tab is shown and its figures are there. */
  async ready(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.healthLevel).toBeVisible();
  }

  async setFactor(f: Factor, value: number | string): Promise<void> {
    await this.factor(f).fill(String(value));
  }

  /** Picks an option of the grade override by its exact label ("A1", "Use suggested grade"). */
  async chooseGrade(label: string): Promise<void> {
    await pickOption(this.page, this.gradeOverride, label);
    await expect(this.gradeOverride).toHaveValue(label);
  }

  /** Expects the score (whole points, rounded down, as shown) and the suggested grade. */
  async expectScore(score: number, grade: string): Promise<void> {
    await expect(this.score).toHaveText(String(score));
    await expect(this.suggestedGrade).toHaveAttribute('data-grade', grade);
  }

  /** Waits until every change on the tab is stored. */
  async saved(): Promise<void> {
    await expect(this.saveState).toHaveAttribute('data-state', 'saved');
  }

  async openSettings(): Promise<void> {
    await this.openSettingsButton.click();
    await expect(this.settings).toBeVisible();
  }

  async saveSettings(): Promise<void> {
    await this.settingsSave.click();
    await expect(this.settings).toBeHidden();
  }
}
