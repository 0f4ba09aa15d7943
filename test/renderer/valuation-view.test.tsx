import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountPatch } from '@shared/api/contract';
import type { Account } from '@shared/model/account';
import { databaseSchema, settingsSchema, type Settings } from '@shared/model/database';
import { VALUE_FACTORS } from '@shared/model/vocabulary';
import { buildPortfolio } from '@shared/portfolio/portfolio';

// jsdom has no FontFaceSet; Mantine's autosize textarea listens on it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: { addEventListener: () => undefined, removeEventListener: () => undefined } });
}

const store = vi.hoisted(() => ({ accounts: [] as unknown[], settings: {} as Record<string, unknown> }));
const update = vi.hoisted(() => vi.fn());
const settingsUpdate = vi.hoisted(() => vi.fn());
vi.mock('../../renderer/src/api/client', () => ({
  api: {
    portfolio: { list: vi.fn(async ({ now }: { now: string }) => buildPortfolio(databaseSchema.parse(store), now)) },
    account: { update },
    settings: { get: vi.fn(async () => settingsSchema.parse(store.settings)), update: settingsUpdate },
  },
  ApiError: class ApiError extends Error {},
}));

const { ValueHealthView } = await import('../../renderer/src/features/valuation/ValueHealthView');
const { ValuationSettings } = await import('../../renderer/src/features/valuation/ValuationSettings');
const { i18n } = await import('../../renderer/src/i18n');
const { FIXED_NOW, makeAccount, makeContact } = await import('../helpers/factories');
const { localNow, localToday } = await import('../../renderer/src/app/format');
const { api } = await import('../../renderer/src/api/client');

const wrap = (ui: ReactNode) =>
  render(
    <MantineProvider>
      <I18nextProvider i18n={i18n}>{ui}</I18nextProvider>
    </MantineProvider>,
  );

const settings: Settings = settingsSchema.parse({});
let n = 0;
function account(over: Parameters<typeof makeAccount>[0] = {}): Account {
  n += 1;
  const a = makeAccount({ id: `acc-${n}`, name: 'Hemei', ...over });
  store.accounts = [a];
  return a;
}

/** The patches sent so far, in order. */
const patches = () => update.mock.calls.map((c) => (c[0] as { patch: AccountPatch }).patch);

describe('ValueHealthView', () => {
  beforeEach(async () => {
    update.mockReset();
    update.mockImplementation(async () => ({}));
    settingsUpdate.mockReset();
    store.settings = {};
    await i18n.changeLanguage('en');
  });

  it('shows the score, the suggested grade and a grade set by hand as such', async () => {
    const a = account({ valueFactors: { annualNetProfit: 100, potential: 3 }, grade: 'A1' });
    wrap(<ValueHealthView account={a} settings={settings} />);
    // A lone account: 0.5 on each factor, 50, B1.
    expect(await screen.findByTestId('value-score')).toHaveTextContent('50');
    expect(screen.getByTestId('suggested-grade')).toHaveTextContent('B1');
    expect(screen.getByTestId('grade-overridden')).toHaveTextContent('Set by hand (suggested B1)');
    expect(screen.getByTestId('factors-entered')).toHaveTextContent('2 of 10 factors entered');
    expect(screen.getByTestId('factor-weight-annualNetProfit')).toHaveTextContent('Weight 3');
    expect(screen.getByTestId('matrix-cell')).toHaveTextContent('No order in the last 12 months: add orders in the profile’s trading history.');
  });

  it('saves valid factors after a pause and never sends an out-of-range one', async () => {
    const user = userEvent.setup();
    const a = account();
    wrap(<ValueHealthView account={a} settings={settings} />);
    await screen.findByTestId('health-level');

    await user.type(screen.getByTestId('value-factor-potential'), '7');
    expect(screen.getByText('Enter a number from 1 to 5; this value is not saved')).toBeInTheDocument();
    await user.type(screen.getByTestId('value-factor-annualNetProfit'), '2500');
    await user.type(screen.getByTestId('value-factor-yearsOfCooperation'), '4');

    // However the keystrokes fell into pauses, what was stored adds up to the valid values only.
    await waitFor(() => expect(Object.assign({}, ...patches().map((p) => p.valueFactors))).toEqual({ annualNetProfit: 2500, yearsOfCooperation: 4 }));
    expect(patches().every((p) => Object.keys(p).join() === 'valueFactors' && !('potential' in (p.valueFactors ?? {})))).toBe(true);
    // The refused rating neither counts as entered nor lets the tab say "saved".
    expect(screen.getByTestId('factors-entered')).toHaveTextContent('2 of 10 factors entered');
    const state = screen.getByTestId('value-save-state');
    await waitFor(() => expect(state).toHaveAttribute('data-state', 'invalid'));
    expect(state).toHaveTextContent('Not saved — fix the marked field');
    expect(state).not.toHaveTextContent('All changes saved');
    expect(screen.getByTestId('factors-unsaved')).toHaveTextContent('The marked values are not saved');

    // Put right (a valid rating): it counts, is sent, and the tab is saved.
    await user.clear(screen.getByTestId('value-factor-potential'));
    await user.type(screen.getByTestId('value-factor-potential'), '4');
    await waitFor(() => expect(state).toHaveAttribute('data-state', 'saved'));
    expect(state).toHaveTextContent('All changes saved');
    expect(screen.queryByTestId('factors-unsaved')).toBeNull();
    expect(screen.getByTestId('factors-entered')).toHaveTextContent('3 of 10 factors entered');
    expect(patches().at(-1)?.valueFactors).toMatchObject({ potential: 4 });
  });

  it('shows the score rounded down, so it never sits above the line of a grade not reached', async () => {
    store.settings = { gradeThresholds: { A1: 85, A2: 75, A3: 67, B1: 50, B2: 40, C1: 25 } };
    // Four accounts ranked on one factor: 0, 33.3…, 66.6…, 100.
    const four = [10, 20, 30, 40].map((profit, i) => makeAccount({ id: `rank-${i}`, name: `R${i}`, valueFactors: { annualNetProfit: profit } }));
    store.accounts = four;
    wrap(<ValueHealthView account={four[2]!} settings={settings} />);
    const score = await screen.findByTestId('value-score');
    await waitFor(() => expect(score).toHaveAttribute('data-score', String(66.666667)));
    // 66.67 is below A3 (67): shown as 66 with B1, not as 67 with B1.
    expect(score).toHaveTextContent(/^66$/);
    expect(screen.getByTestId('suggested-grade')).toHaveAttribute('data-grade', 'B1');
  });

  it('says the weights are 0 when factors are entered but there is no score', async () => {
    store.settings = { valueWeights: { annualNetProfit: 0, potential: 0 } };
    const a = account({ valueFactors: { annualNetProfit: 100, potential: 3 } });
    wrap(<ValueHealthView account={a} settings={settings} />);
    const reason = await screen.findByTestId('no-score-reason');
    expect(reason).toHaveAttribute('data-reason', 'enteredWeightsZero');
    expect(reason).toHaveTextContent('No score: the factors entered all have weight 0.');
    expect(reason).not.toHaveTextContent('Enter value factors');
    expect(screen.getByTestId('value-score')).toHaveTextContent('—');
    expect(screen.getByTestId('factors-entered')).toHaveTextContent('2 of 10 factors entered');
  });

  it('says every weight is 0 when that is why there is no score (data stored before the settings refused it)', async () => {
    const a = account({ valueFactors: { annualNetProfit: 100 } });
    const real = buildPortfolio(databaseSchema.parse(store), localNow());
    const zeroed = {
      ...real,
      rows: real.rows.map((r) => ({
        ...r,
        value: { ...r.value, score: null, suggestedGrade: null, grade: null, factors: r.value.factors.map((f) => ({ ...f, weight: 0 })) },
      })),
    };
    vi.mocked(api.portfolio.list).mockResolvedValueOnce(zeroed);
    wrap(<ValueHealthView account={a} settings={settings} />);
    const reason = await screen.findByTestId('no-score-reason');
    expect(reason).toHaveAttribute('data-reason', 'allWeightsZero');
    expect(reason).toHaveTextContent('No score: every weight is 0.');
  });

  it('asks for factors when none is entered', async () => {
    const a = account();
    wrap(<ValueHealthView account={a} settings={settings} />);
    const reason = await screen.findByTestId('no-score-reason');
    expect(reason).toHaveAttribute('data-reason', 'noScore');
    expect(reason).toHaveTextContent('Enter value factors to get a score');
  });

  it('shows the orders of the last 12 months under annual purchases and takes them over on request', async () => {
    const user = userEvent.setup();
    const today = localToday();
    const order = (id: string, amount: number) => ({ id, createdAt: FIXED_NOW, updatedAt: FIXED_NOW, date: today, amount });
    const a = account({ valueFactors: { annualPurchases: 1_000_000 }, orders: [order('o1', 250_000), order('o2', 150_000.5)] });
    wrap(<ValueHealthView account={a} settings={settings} />);
    const orders = await screen.findByTestId('orders-last12');
    expect(orders).toHaveAttribute('data-amount', '400000.5');
    expect(orders).toHaveTextContent('Orders, last 12 months: CN¥400,001');
    expect(screen.getByTestId('value-factor-annualPurchases')).toHaveValue('1,000,000');

    await user.click(screen.getByTestId('use-orders-last12'));
    expect(screen.getByTestId('value-factor-annualPurchases')).toHaveValue('400,000.5');
    expect(screen.getByTestId('use-orders-last12')).toBeDisabled();
    await waitFor(() => expect(screen.getByTestId('value-save-state')).toHaveAttribute('data-state', 'saved'));
    expect(patches()).toEqual([{ valueFactors: { annualPurchases: 400_000.5 } }]);
  });

  it('shows no orders line without orders in the last 12 months', async () => {
    const a = account({ valueFactors: { annualPurchases: 1_000_000 } });
    wrap(<ValueHealthView account={a} settings={settings} />);
    await screen.findByTestId('health-level');
    expect(screen.queryByTestId('orders-last12')).toBeNull();
  });

  it('lays the small matrix out as the portfolio page does: stable on the left, EⅠ top left', async () => {
    const customer = account();
    const view = wrap(<ValueHealthView account={customer} settings={settings} />);
    const grid = await screen.findByTestId('matrix-grid');
    expect(within(grid).getAllByTestId('matrix-grid-cell').map((c) => c.getAttribute('data-cell'))).toEqual(['E1', 'E2', 'E3', 'E4']);
    expect(within(grid).getAllByTestId('matrix-grid-axis').map((x) => x.textContent)).toEqual([
      'Stable',
      'Unstable',
      'High contribution',
      'Low contribution',
    ]);
    view.unmount();

    const prospect = account({ stage: 'prospect' });
    wrap(<ValueHealthView account={prospect} settings={settings} />);
    const pgrid = await screen.findByTestId('matrix-grid');
    expect(within(pgrid).getAllByTestId('matrix-grid-cell').map((c) => c.getAttribute('data-cell'))).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(within(pgrid).getAllByTestId('matrix-grid-axis').map((x) => x.textContent)).toEqual([
      'High intent',
      'Low intent',
      'High expected contribution',
      'Low expected contribution',
    ]);
  });

  it('marks the red flags of an empty map as not scored, and says so in the rules', async () => {
    const a = account();
    wrap(<ValueHealthView account={a} settings={settings} />);
    const signal = await screen.findByTestId('health-signal');
    expect(signal).toHaveAttribute('data-kind', 'redFlags');
    expect(signal).toHaveAttribute('data-scored', 'false');
    expect(within(signal).getByTestId('signal-not-scored')).toHaveTextContent('Not scored: the map has no contacts yet.');
    expect(screen.getByTestId('health-points')).toHaveAttribute('data-points', '0');
    expect(screen.getByTestId('health-section')).toHaveTextContent('An empty map (no contacts yet) shows its red flags but does not score.');
  });

  it('shows a scoring red-flag signal without the mark', async () => {
    const a = account({ contacts: [makeContact({ name: 'Wang', role: 'user' })] });
    wrap(<ValueHealthView account={a} settings={settings} />);
    const signal = (await screen.findAllByTestId('health-signal')).find((s) => s.getAttribute('data-kind') === 'redFlags')!;
    expect(signal).toHaveAttribute('data-scored', 'true');
    expect(within(signal).queryByTestId('signal-not-scored')).toBeNull();
    expect(Number(screen.getByTestId('health-points').getAttribute('data-points'))).toBeGreaterThanOrEqual(1);
  });

  it('sends what is still waiting when the tab closes', async () => {
    const a = account();
    const view = wrap(<ValueHealthView account={a} settings={settings} />);
    await screen.findByTestId('health-level');
    // No await between the edit and the unmount: the pause cannot have run out.
    fireEvent.change(screen.getByTestId('value-factor-annualPurchases'), { target: { value: '9' } });
    expect(update).not.toHaveBeenCalled();
    expect(screen.getByTestId('value-save-state')).toHaveAttribute('data-state', 'saving');
    view.unmount();
    expect(patches()).toEqual([{ valueFactors: { annualPurchases: 9 } }]);
  });

  it('saves a ticked sign whole, holds back a date in the future, and shows the channel signs only for channel partners', async () => {
    const user = userEvent.setup();
    const a = account();
    const view = wrap(<ValueHealthView account={a} settings={settings} />);
    await screen.findByTestId('health-level');
    expect(screen.getAllByTestId('warning-sign')).toHaveLength(4);
    expect(screen.queryByTestId('channel-signs')).toBeNull();

    await user.click(screen.getByTestId('sign-strategyChange'));
    await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
    expect(patches()[0]).toEqual({ warningSigns: { strategyChange: { present: true, since: null, notes: '' } } });

    const since = screen.getByTestId('sign-strategyChange-since');
    await user.type(since, '2999-01-01');
    expect(within(screen.getByTestId('warning-signs')).getByText('The date cannot be in the future; it is not saved')).toBeInTheDocument();
    await user.type(screen.getByTestId('sign-strategyChange-notes'), 'Own brand');
    // The notes wait for the date to be put right, then go with it in one patch.
    await user.clear(since);
    await user.type(since, '2024-03-01');
    await waitFor(() => expect(screen.getByTestId('value-save-state')).toHaveAttribute('data-state', 'saved'));
    const sent = patches();
    expect(sent.at(-1)).toEqual({ warningSigns: { strategyChange: { present: true, since: '2024-03-01', notes: 'Own brand' } } });
    // Nothing went out while the date was in the future.
    expect(sent.every((p) => p.warningSigns?.strategyChange?.since !== '2999-01-01')).toBe(true);
    view.unmount();

    const channel = account({ kind: 'channel' });
    wrap(<ValueHealthView account={channel} settings={settings} />);
    await screen.findByTestId('health-level');
    expect(within(screen.getByTestId('channel-signs')).getAllByTestId('warning-sign')).toHaveLength(5);
    expect(screen.getAllByTestId('warning-sign')).toHaveLength(9);
  });
});

describe('ValuationSettings', () => {
  beforeEach(async () => {
    settingsUpdate.mockReset();
    settingsUpdate.mockImplementation(async () => ({}));
    store.settings = { valueWeights: { potential: 5 } };
    await i18n.changeLanguage('en');
  });

  it('loads the stored weights, refuses thresholds out of order, and saves every part whole', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    wrap(<ValuationSettings opened onClose={onClose} />);
    expect(await screen.findByTestId('weight-potential')).toHaveValue('5');

    const a2 = screen.getByTestId('grade-threshold-A2');
    await user.clear(a2);
    await user.type(a2, '90');
    await user.click(screen.getByTestId('valuation-settings-save'));
    expect(screen.getByText('Must not be lower than A2 (90)')).toBeInTheDocument();
    expect(screen.getByTestId('valuation-settings-error')).toHaveTextContent('Fix the marked fields; nothing was saved.');
    expect(settingsUpdate).not.toHaveBeenCalled();

    await user.click(screen.getByTestId('valuation-settings-reset'));
    expect(screen.getByTestId('weight-potential')).toHaveValue('2');
    await user.type(screen.getByTestId('matrix-threshold-contribution'), '400000');
    await user.click(screen.getByTestId('valuation-settings-save'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(settingsUpdate).toHaveBeenCalledWith({
      valueWeights: settingsSchema.parse({}).valueWeights,
      gradeThresholds: { A1: 85, A2: 75, A3: 65, B1: 50, B2: 40, C1: 25 },
      matrix: { contribution: 400_000, stability: 60, expectedContribution: null, intent: 'high' },
      shrinkPercent: 10,
    });
  });

  it('refuses to save with every weight at 0', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    wrap(<ValuationSettings opened onClose={onClose} />);
    await screen.findByTestId('weight-potential');
    for (const f of VALUE_FACTORS) {
      const field = screen.getByTestId(`weight-${f}`);
      await user.clear(field);
      await user.type(field, '0');
    }
    await user.click(screen.getByTestId('valuation-settings-save'));
    expect(screen.getByTestId('weights-error')).toHaveTextContent('Not every weight can be 0');
    expect(screen.getByTestId('valuation-settings-error')).toHaveTextContent('nothing was saved');
    expect(settingsUpdate).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();

    // One weight above 0 is enough.
    const potential = screen.getByTestId('weight-potential');
    await user.clear(potential);
    await user.type(potential, '1');
    await user.click(screen.getByTestId('valuation-settings-save'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(settingsUpdate.mock.calls[0]?.[0].valueWeights).toEqual({ ...Object.fromEntries(VALUE_FACTORS.map((f) => [f, 0])), potential: 1 });
  });
});
