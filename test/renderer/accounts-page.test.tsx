import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '@shared/accounts';
import { AccountsPage } from '../../renderer/src/features/accounts/AccountsPage';
import { i18n } from '../../renderer/src/i18n';

const wrap = (ui: ReactNode) =>
  render(
    <MantineProvider>
      <I18nextProvider i18n={i18n}>
        <ModalsProvider>{ui}</ModalsProvider>
      </I18nextProvider>
    </MantineProvider>,
  );

const summary = (over: Partial<AccountSummary>): AccountSummary => ({
  id: 'a1',
  name: 'Acme',
  kind: 'direct',
  grade: null,
  industry: '',
  owner: '',
  contactCount: 0,
  openDealCount: 0,
  openPipeline: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
  ...over,
});

describe('AccountsPage', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('offers to create an account or load the sample when there is none', async () => {
    const onCreate = vi.fn();
    wrap(<AccountsPage accounts={{ status: 'ok', data: [] }} onCreate={onCreate} onOpen={vi.fn()} />);
    expect(screen.getByText('No accounts yet')).toBeInTheDocument();
    expect(screen.getByTestId('load-sample')).toHaveTextContent('和美饲料');
    await userEvent.click(screen.getByTestId('empty-create'));
    expect(onCreate).toHaveBeenCalledOnce();
  });

  it('lists accounts with grade and pipeline, filters them, and opens one', async () => {
    const onOpen = vi.fn();
    wrap(
      <AccountsPage
        accounts={{
          status: 'ok',
          data: [
            summary({ id: 'a1', name: '和美饲料', grade: 'A1', industry: 'Feed', openPipeline: 1_200_000, openDealCount: 1 }),
            summary({ id: 'a2', name: 'Zenith Steel', industry: 'Steel' }),
          ],
        }}
        onCreate={vi.fn()}
        onOpen={onOpen}
      />,
    );
    expect(screen.getAllByTestId('account-row')).toHaveLength(2);
    expect(screen.getByText('A1')).toBeInTheDocument();
    expect(screen.getByText(/1,200,000/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Filter accounts'), 'steel');
    expect(screen.getAllByTestId('account-row')).toHaveLength(1);
    await userEvent.click(screen.getByText('Zenith Steel'));
    expect(onOpen).toHaveBeenCalledWith('a2');
  });

  it('speaks Chinese when the language is zh-CN', async () => {
    await i18n.changeLanguage('zh-CN');
    wrap(<AccountsPage accounts={{ status: 'ok', data: [] }} onCreate={vi.fn()} onOpen={vi.fn()} />);
    expect(screen.getByText('还没有客户')).toBeInTheDocument();
    expect(screen.getByTestId('new-account')).toHaveTextContent('新建客户');
  });
});
