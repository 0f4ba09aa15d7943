import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountPatch } from '@shared/api/contract';
import type { Account } from '@shared/model/account';
import { databaseSchema, settingsSchema, type Settings } from '@shared/model/database';
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
const { makeAccount } = await import('../helpers/factories');

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

    await waitFor(() => expect(screen.getByTestId('value-save-state')).toHaveAttribute('data-state', 'saved'));
    // However the keystrokes fell into pauses, what was stored adds up to the valid values only.
    const sent = patches();
    expect(sent.every((p) => Object.keys(p).join() === 'valueFactors' && !('potential' in (p.valueFactors ?? {})))).toBe(true);
    expect(Object.assign({}, ...sent.map((p) => p.valueFactors))).toEqual({ annualNetProfit: 2500, yearsOfCooperation: 4 });
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
});
