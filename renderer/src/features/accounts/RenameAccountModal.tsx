import { Button, Group, Modal, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '@shared/accounts';
import { showError } from '../../app/errors';
import { renameAccount } from './account-commands';

interface Props {
  account: AccountSummary | null;
  onClose: () => void;
}

export function RenameAccountModal({ account, onClose }: Props) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (v) => (v.trim() === '' ? t('accounts.nameRequired') : null) },
  });
  useEffect(() => {
    if (account) form.setValues({ name: account.name });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fill the form when another account opens it; `form` is a new object on every render
  }, [account]);
  return (
    <Modal opened={account !== null} onClose={onClose} title={t('accounts.renameTitle')} data-testid="rename-account-modal">
      <form
        onSubmit={form.onSubmit(async ({ name }) => {
          if (!account) return;
          try {
            if (name.trim() !== account.name) await renameAccount(account.id, account.name, name.trim());
            onClose();
          } catch (e) {
            showError(e);
          }
        })}
      >
        <TextInput label={t('accounts.name')} data-autofocus data-testid="rename-account-input" {...form.getInputProps('name')} />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" data-testid="rename-account-submit">
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
