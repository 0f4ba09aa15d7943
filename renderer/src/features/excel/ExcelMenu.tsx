import { Button, FileButton, Menu } from '@mantine/core';
import { IconFileSpreadsheet, IconFileUpload, IconTableExport, IconTemplate } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@shared/model/database';
import { showError } from '../../app/errors';
import { downloadTemplate, exportPortfolio } from './excel-files';

/** Excel on the accounts page: import a workbook, export the portfolio, get the blank template. */
export function ExcelMenu({ onImport }: { onImport: (file: File) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const resetRef = useRef<() => void>(null);
  return (
    // Kept mounted: the file input inside must outlive the menu closing, or its choice is lost.
    <Menu position="bottom-end" keepMounted>
      <Menu.Target>
        <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} data-testid="excel-menu">
          Excel
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <FileButton
          resetRef={resetRef}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(file) => {
            if (file) onImport(file);
            resetRef.current?.();
          }}
        >
          {(props) => (
            <Menu.Item {...props} leftSection={<IconFileUpload size={16} />} data-testid="excel-import">
              {t('excel.import')}
            </Menu.Item>
          )}
        </FileButton>
        <Menu.Item leftSection={<IconTableExport size={16} />} onClick={() => exportPortfolio(locale).catch(showError)} data-testid="excel-export-portfolio">
          {t('excel.exportPortfolio')}
        </Menu.Item>
        <Menu.Item leftSection={<IconTemplate size={16} />} onClick={() => downloadTemplate(locale).catch(showError)} data-testid="excel-template">
          {t('excel.template')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
