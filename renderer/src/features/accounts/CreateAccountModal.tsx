import { Button, Group, Modal, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { showError } from '../../app/errors';
import { createAccount } from './account-commands';

interface Props {
  opened: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}

export function CreateAccountModal({ opened, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (v) => (v.trim() === '' ? t('accounts.nameRequired') : null) },
  });
  const close = () => {
    form.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('accounts.new')} data-testid="create-account-modal">
      <form
        onSubmit={form.onSubmit(async ({ name }) => {
          try {
            const account = await createAccount(name.trim());
            close();
            onCreated(account.id);
          } catch (e) {
            showError(e);
          }
        })}
      >
        <TextInput
          label={t('accounts.name')}
          placeholder={t('accounts.namePlaceholder')}
          data-autofocus
          data-testid="account-name-input"
          {...form.getInputProps('name')}
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" data-testid="create-account-submit">
            {t('common.create')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
