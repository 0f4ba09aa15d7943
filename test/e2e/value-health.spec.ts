import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { FACTORS, ValuePage } from './pages/ValuePage';
import { WorkspacePage } from './pages/WorkspacePage';

test.use({ viewport: { width: 1600, height: 1000 } });

test('value factors give a score and a suggested grade; a grade set by hand is shown as such and survives a restart', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const value = new ValuePage(page);
  await accounts.goto(host.url);
  await accounts.startCreate('Valued Co');
  await expect(workspace.title).toHaveText('Valued Co');
  const accountId = workspace.accountId();
  await workspace.openTab('value');
  await value.ready();

  // Nothing entered yet: no score, no grade, no cell (a customer with no orders).
  await expect(value.score).toHaveText('—');
  await expect(value.suggestedGrade).toHaveAttribute('data-grade', '');
  await expect(value.factorsEntered).toHaveText('0 of 10 factors entered');
  await expect(value.matrixCell).toHaveAttribute('data-cell', '');
  await expect(value.matrixCell).toContainText('add orders in the profile’s trading history');
  await expect(value.saveState).toHaveAttribute('data-state', 'idle');
  await expect(value.noScoreReason).toHaveText('Enter value factors to get a score');
  // The small matrix is laid out as on the portfolio page: stable on the left, EⅠ top left.
  await expect(value.matrixGridCells).toHaveCount(4);
  expect(await value.matrixGridCells.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-cell')))).toEqual(['E1', 'E2', 'E3', 'E4']);

  await value.setFactor('annualNetProfit', 1_200_000);
  await value.setFactor('yearsOfCooperation', 6);
  await value.setFactor('potential', 4);
  await expect(value.factor('annualNetProfit')).toHaveValue('1,200,000');
  await expect(value.factorsEntered).toHaveText('3 of 10 factors entered');
  await value.saved();
  // A lone account sits mid-rank on every factor it has: 0.5 each, so 50 of 100, which is B1.
  await value.expectScore(50, 'B1');
  await expect(page.getByTestId('factor-score-annualNetProfit')).toHaveAttribute('data-score', '0.5');
  await expect(page.getByTestId('factor-weight-annualNetProfit')).toHaveText('Weight 3');
  await expect(page.getByTestId('factor-score-costToServe')).toHaveText('Not scored');

  // A rating out of 1–5 and a negative cost are refused, with a message, and not saved: they do
  // not count as entered (the stored rating 4 still does), and the tab does not claim "saved".
  await value.setFactor('potential', 7);
  await expect(value.factorRow('potential')).toContainText('Enter a number from 1 to 5; this value is not saved');
  await value.setFactor('costToServe', -5);
  await expect(value.factorRow('costToServe')).toContainText('this value is not saved');
  await expect(value.saveState).toHaveAttribute('data-state', 'invalid');
  await expect(value.saveState).toHaveText('Not saved — fix the marked field');
  await expect(value.factorsEntered).toHaveText('3 of 10 factors entered');
  await expect(page.getByTestId('factors-unsaved')).toBeVisible();
  await value.expectScore(50, 'B1');
  // Put right: saved again.
  await value.setFactor('costToServe', '');
  await expect(value.saveState).toHaveAttribute('data-state', 'invalid');
  await value.setFactor('potential', 4);
  await value.saved();
  await expect(value.saveState).toHaveText('All changes saved');
  await expect(value.factorsEntered).toHaveText('3 of 10 factors entered');

  // No override: no badge. Set A1 by hand: the badge says what the rules suggested.
  await expect(value.overriddenBadge).toHaveCount(0);
  await value.chooseGrade('A1');
  await expect(value.overriddenBadge).toHaveText('Set by hand (suggested B1)');
  await value.saved();

  await host.restart();
  await workspace.goto(host.url, accountId, 'value');
  await value.ready();
  await expect(value.factor('annualNetProfit')).toHaveValue('1,200,000');
  await expect(value.factor('yearsOfCooperation')).toHaveValue('6');
  await expect(value.factor('potential')).toHaveValue('4');
  await expect(value.factorsEntered).toHaveText('3 of 10 factors entered');
  await value.expectScore(50, 'B1');
  await expect(value.gradeOverride).toHaveValue('A1');
  await expect(value.overriddenBadge).toHaveText('Set by hand (suggested B1)');

  // Back to the suggestion: the badge goes.
  await value.chooseGrade('Use suggested grade');
  await expect(value.overriddenBadge).toHaveCount(0);
  await value.saved();
  await workspace.reload();
  await value.ready();
  await expect(value.gradeOverride).toHaveValue('Use suggested grade');
  await expect(value.overriddenBadge).toHaveCount(0);
});

test('changing a weight in the settings changes the suggested grades of a two-account portfolio', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const value = new ValuePage(page);
  await accounts.goto(host.url);

  // Alpha: the larger profit, but costlier to serve; Beta the other way round.
  const enter = async (name: string, profit: number, cost: number) => {
    await accounts.startCreate(name);
    await expect(workspace.title).toHaveText(name);
    await workspace.openTab('value');
    await value.ready();
    await value.setFactor('annualNetProfit', profit);
    await value.setFactor('costToServe', cost);
    await value.saved();
    return workspace.accountId();
  };
  const alpha = await enter('Alpha Feeds', 900_000, 200_000);
  await value.expectScore(50, 'B1');
  await accounts.goto(host.url);
  const beta = await enter('Beta Mills', 100_000, 50_000);
  // Ranked against each other: Beta is last on profit (0) and best on cost (1): (3·0 + 1·1) / 4.
  await value.expectScore(25, 'C1');

  await workspace.goto(host.url, alpha, 'value');
  await value.ready();
  // Alpha: (3·1 + 1·0) / 4 = 75, A2.
  await value.expectScore(75, 'A2');
  await expect(page.getByTestId('factor-score-costToServe')).toHaveAttribute('data-score', '0');

  await value.openSettings();
  await expect(value.weight('costToServe')).toHaveValue('1');
  await expect(value.weight('annualNetProfit')).toHaveValue('3');
  // Out of range: refused with a message, nothing saved.
  await value.weight('costToServe').fill('12');
  await value.settingsSave.click();
  await expect(value.settingsError).toBeVisible();
  await expect(value.settings).toContainText('Enter a number from 0 to 10');
  await expect(value.settings).toBeVisible();
  // Cost to serve no longer counts: Alpha's profit alone makes it 100, A1.
  await value.weight('costToServe').fill('0');
  await value.saveSettings();
  await value.expectScore(100, 'A1');
  await expect(page.getByTestId('factor-weight-costToServe')).toHaveText('Weight 0');

  await workspace.goto(host.url, beta, 'value');
  await value.ready();
  await value.expectScore(0, 'C2');

  // The weights are stored: after a restart the dialog shows them and the grades hold.
  await host.restart();
  await workspace.goto(host.url, alpha, 'value');
  await value.ready();
  await value.expectScore(100, 'A1');
  await value.openSettings();
  await expect(value.weight('costToServe')).toHaveValue('0');

  // Every weight at 0 is refused with a message; nothing is saved.
  for (const f of FACTORS) await value.weight(f).fill('0');
  await value.settingsSave.click();
  await expect(value.weightsError).toHaveText('Not every weight can be 0: then no account gets a score. Set at least one weight above 0.');
  await expect(value.settingsError).toBeVisible();
  await expect(value.settings).toBeVisible();
  // Only the factors Alpha has at 0: saved, and the tab says the weights are why there is no score.
  await value.weight('potential').fill('2');
  await value.saveSettings();
  await expect(value.score).toHaveText('—');
  await expect(value.suggestedGrade).toHaveAttribute('data-grade', '');
  await expect(value.factorsEntered).toHaveText('2 of 10 factors entered');
  await expect(value.noScoreReason).toHaveText(
    'No score: the factors entered all have weight 0. Give one of them a weight above 0 under “Weights & thresholds”.',
  );
  await value.openSettings();

  // Grade thresholds must go down from A1 to C1.
  await value.gradeThreshold('A2').fill('90');
  await value.settingsSave.click();
  await expect(value.settings).toContainText('Must not be lower than A2 (90)');
  await expect(value.settings).toBeVisible();

  // Reset to defaults brings the weight back; saving puts Alpha back at 75, A2.
  await value.settingsReset.click();
  await expect(value.weight('costToServe')).toHaveValue('1');
  await expect(value.gradeThreshold('A2')).toHaveValue('75');
  await value.saveSettings();
  await value.expectScore(75, 'A2');
});

test('a ticked warning sign raises the health level and stays after a restart; a channel partner gets five more signs', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const value = new ValuePage(page);
  await accounts.goto(host.url);
  await accounts.startCreate('Health Co');
  await expect(workspace.title).toHaveText('Health Co');
  const accountId = workspace.accountId();
  await workspace.openTab('value');
  await value.ready();

  // A new account's empty map shows its red flags, but an unstarted map does not score: healthy.
  await expect(value.healthLevel).toHaveAttribute('data-level', 'healthy');
  await expect(value.healthPoints).toHaveAttribute('data-points', '0');
  await expect(value.signals).toHaveCount(1);
  await expect(value.signals.first()).toHaveAttribute('data-kind', 'redFlags');
  await expect(value.signals.first()).toHaveAttribute('data-scored', 'false');
  await expect(value.signals.first()).toContainText('Not scored: the map has no contacts yet.');
  await expect(value.health).toContainText('An empty map (no contacts yet) shows its red flags but does not score.');
  // A direct customer: the four signs, not the channel partner's five.
  await expect(value.warningSigns).toHaveCount(4);
  await expect(value.channelSigns).toHaveCount(0);

  // A date in the future is refused and the sign is not saved with it.
  await value.since('ordersSpread').fill('2999-01-01');
  await expect(value.signRow('ordersSpread')).toContainText('The date cannot be in the future');
  await expect(value.saveState).toHaveAttribute('data-state', 'invalid');

  await value.sign('ordersSpread').check();
  await value.since('ordersSpread').fill('2024-11-05');
  await value.notes('ordersSpread').fill('Second supplier qualified for premix');
  await expect(value.signRow('ordersSpread')).not.toContainText('The date cannot be in the future');
  await value.saved();
  // One point: watch.
  await expect(value.healthPoints).toHaveAttribute('data-points', '1');
  await expect(value.healthLevel).toHaveAttribute('data-level', 'watch');
  const signSignal = value.signals.and(page.locator('[data-kind="warningSign"]'));
  await expect(signSignal).toContainText('Spreads its orders over more suppliers');
  await expect(signSignal).toContainText('Nov 5, 2024');

  await host.restart();
  await workspace.goto(host.url, accountId, 'value');
  await value.ready();
  await expect(value.sign('ordersSpread')).toBeChecked();
  await expect(value.since('ordersSpread')).toHaveValue('2024-11-05');
  await expect(value.notes('ordersSpread')).toHaveValue('Second supplier qualified for premix');
  await expect(value.healthLevel).toHaveAttribute('data-level', 'watch');

  // Unticking takes the point away again.
  await value.sign('ordersSpread').uncheck();
  await value.saved();
  await expect(value.healthLevel).toHaveAttribute('data-level', 'healthy');
  await value.sign('ordersSpread').check();
  await value.saved();
  await expect(value.healthLevel).toHaveAttribute('data-level', 'watch');

  // Make it a channel partner on the profile tab: the five distributor signs appear and count.
  await workspace.openTab('profile');
  await expect(workspace.profileForm).toBeVisible();
  await page.getByTestId('profile-kind').click();
  await page.getByRole('option', { name: /Channel partner/ }).click();
  await expect(workspace.saveState).toHaveAttribute('data-state', 'saved');
  await workspace.openTab('value');
  await value.ready();
  await expect(value.channelSigns).toHaveCount(5);
  await expect(page.getByTestId('channel-signs-note')).toContainText('apply to distributors');
  await value.sign('stockOuts').check();
  await value.saved();
  await expect(value.healthPoints).toHaveAttribute('data-points', '2');
  await expect(value.healthLevel).toHaveAttribute('data-level', 'atRisk');

  await host.restart();
  await workspace.goto(host.url, accountId, 'value');
  await value.ready();
  await expect(value.channelSigns).toHaveCount(5);
  await expect(value.sign('stockOuts')).toBeChecked();
  await expect(value.healthPoints).toHaveAttribute('data-points', '2');
});
