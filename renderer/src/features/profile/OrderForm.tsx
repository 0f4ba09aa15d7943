import { Button, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Division, Order } from '@shared/model/account';
import type { ProductLine } from '@shared/model/database';
import { localToday } from '../../app/format';
import { dateError, numberError, type FieldError } from './profile-form';

/** What the order form edits; the fields of an order the user sets. */
export interface OrderDraft {
  date: string;
  amount: number;
  divisionId: string | null;
  productLineId: string | null;
  notes: string;
}

const AMOUNT = { min: 0, max: 1e13 };

interface Props {
  /** The order to edit; null for a new one. */
  order: Order | null;
  divisions: readonly Division[];
  productLines: readonly ProductLine[];
  onSave: (draft: OrderDraft) => void;
  onCancel: () => void;
}

/** The fields of one order, in the add/edit modal; nothing is saved until "Save". */
export function OrderForm({ order, divisions, productLines, onSave, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const [date, setDate] = useState(order?.date ?? localToday());
  const [amount, setAmount] = useState<number | string>(order?.amount ?? '');
  const [divisionId, setDivisionId] = useState<string | null>(order?.divisionId ?? null);
  const [productLineId, setProductLineId] = useState<string | null>(order?.productLineId ?? null);
  const [notes, setNotes] = useState(order?.notes ?? '');
  const [tried, setTried] = useState(false);

  const fmt = new Intl.NumberFormat(i18n.language);
  const message = (e: FieldError | null, empty: boolean): string | undefined => {
    if (empty) return tried ? t('accountProfile.errors.required') : undefined;
    if (!e) return undefined;
    if (e.kind === 'range') return t('accountProfile.errors.range', { min: fmt.format(e.min), max: fmt.format(e.max) });
    return t(`accountProfile.errors.${e.kind}`);
  };
  const dateMessage = message(dateError(date), date === '');
  const amountMessage = message(numberError(amount, AMOUNT), amount === '');
  const valid = date !== '' && amount !== '' && !dateError(date) && !numberError(amount, AMOUNT);

  // A division or product line that is gone (removed since) still shows, so that saving keeps it visible.
  const divisionData = divisions.map((d) => ({ value: d.id, label: d.name }));
  const lineData = productLines.map((l) => ({ value: l.id, label: l.name }));
  if (productLineId && !lineData.some((l) => l.value === productLineId)) lineData.push({ value: productLineId, label: productLineId });

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (valid) onSave({ date, amount: Number(amount), divisionId, productLineId, notes: notes.trim() });
      }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label={t('accountProfile.orders.date')}
            required
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={dateMessage}
            data-testid="order-form-date"
            data-autofocus
          />
          <NumberInput
            label={t('accountProfile.orders.amount')}
            required
            value={amount}
            onChange={setAmount}
            error={amountMessage}
            clampBehavior="none"
            thousandSeparator=","
            data-testid="order-form-amount"
          />
          <Select
            label={t('accountProfile.orders.division')}
            placeholder={t('accountProfile.orders.noDivisions')}
            data={divisions.length ? [{ value: '', label: t('accountProfile.orders.wholeGroup') }, ...divisionData] : []}
            disabled={divisions.length === 0}
            allowDeselect={false}
            value={divisions.length ? (divisionId ?? '') : null}
            onChange={(v) => setDivisionId(v || null)}
            data-testid="order-form-division"
          />
          <Select
            label={t('accountProfile.orders.productLine')}
            placeholder={t('accountProfile.orders.noProductLines')}
            data={lineData.length ? [{ value: '', label: t('common.none') }, ...lineData] : []}
            disabled={lineData.length === 0}
            allowDeselect={false}
            value={lineData.length ? (productLineId ?? '') : null}
            onChange={(v) => setProductLineId(v || null)}
            data-testid="order-form-product-line"
          />
        </SimpleGrid>
        <TextInput
          label={t('accountProfile.orders.notes')}
          maxLength={500}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          data-testid="order-form-notes"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" data-testid="order-form-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
