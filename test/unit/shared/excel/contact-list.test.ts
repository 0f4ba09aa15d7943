import { describe, expect, it } from 'vitest';
import { contactSchema } from '@shared/model/contact';
import { CONTACT_FIELDS, guessMapping, rowsToContacts } from '@shared/excel/contact-list';
import type { CellValue, RawSheet } from '@shared/excel/types';

const NOW = '2024-06-01T09:30:00.000Z';

function sheet(name: string, header: CellValue[], ...rows: CellValue[][]): RawSheet {
  return { name, header, rows: rows.map((cells, i) => ({ excelRow: i + 2, cells })) };
}
const ids = () => {
  let n = 0;
  return () => `id-${++n}`;
};

describe('guessMapping', () => {
  it('maps Chinese headers', () => {
    expect(guessMapping(['姓名', '职位', '部门', '汇报对象', '角色', '态度', '影响力', '星级', '教练', '层级', '邮箱', '电话', '备注'])).toEqual([
      'name',
      'title',
      'department',
      'reportsTo',
      'role',
      'attitude',
      'influence',
      'stars',
      'isCoach',
      'level',
      'email',
      'phone',
      'notes',
    ]);
  });

  it('maps English headers and their variants, ignoring case, spaces and punctuation', () => {
    expect(guessMapping(['Full Name', 'JOB TITLE', 'Dept.', 'Reports-to', 'Buyer role', 'E-mail', 'Mobile', 'Hometown', 'Age', 'Comments'])).toEqual([
      'name',
      'title',
      'department',
      'reportsTo',
      'role',
      'email',
      'phone',
      'profile.hometown',
      'profile.age',
      'notes',
    ]);
  });

  it('leaves unknown, blank and repeated headers unmapped', () => {
    expect(guessMapping(['Name', 'Shoe size', null, '', '姓名', 42])).toEqual(['name', null, null, null, null, null]);
  });

  it('offers every field with labels in both languages, Name required', () => {
    expect(CONTACT_FIELDS.find((f) => f.key === 'reportsTo')!.label).toEqual({ en: 'Reports to', 'zh-CN': '上级' });
    expect(CONTACT_FIELDS.filter((f) => f.required).map((f) => f.key)).toEqual(['name']);
    expect(new Set(CONTACT_FIELDS.map((f) => f.key)).size).toBe(CONTACT_FIELDS.length);
  });
});

describe('rowsToContacts', () => {
  it('reads a hand-made list with reports-to by name within the list', () => {
    const list = sheet(
      '名单',
      ['序号', '姓名', '职位', '上级', '态度', '星级'],
      [1, '黄炳亮', '总经理', null, '中立', '★★'],
      [2, '吕文斌', '技术部经理', '黄炳亮', '支持', 3],
    );
    const { contacts, problems } = rowsToContacts(list, guessMapping(list.header), { newId: ids(), now: NOW });
    expect(problems).toEqual([]);
    const parsed = contacts.map((c) => contactSchema.parse(c));
    expect(parsed.map((c) => [c.id, c.name, c.title, c.attitude, c.stars])).toEqual([
      ['id-1', '黄炳亮', '总经理', 'neutral', 2],
      ['id-2', '吕文斌', '技术部经理', 'supporter', 3],
    ]);
    expect(parsed[1]!.reportsToId).toBe('id-1');
    // Fields the list has no column for are absent, so a merge leaves them alone.
    expect('email' in contacts[0]!).toBe(false);
  });

  it('reports a missing Name column, in the list’s own sheet', () => {
    const list = sheet('Sheet1', ['Title', 'Phone'], ['GM', '123']);
    const { contacts, problems } = rowsToContacts(list, guessMapping(list.header), { newId: ids(), now: NOW });
    expect(contacts).toEqual([]);
    expect(problems).toEqual([{ sheet: 'Sheet1', row: null, column: null, message: 'Missing required column "Name"' }]);
  });

  it('skips rows without a name and reports bad cells under the user’s header', () => {
    const list = sheet('Sheet1', ['Who', 'Boss', 'Attitude to us'], ['A', 'Nobody', 'hates us'], [null, 'A', 'supporter'], ['B', 'A', '反对']);
    const mapping = ['name', 'reportsTo', 'attitude'] as const;
    const { contacts, problems } = rowsToContacts(list, [...mapping], { newId: ids(), now: NOW });
    expect(problems).toEqual([
      { sheet: 'Sheet1', row: 2, column: 'Attitude to us', message: 'Unknown attitude "hates us"' },
      { sheet: 'Sheet1', row: 3, column: 'Who', message: 'Who is empty: the row is skipped' },
      { sheet: 'Sheet1', row: 2, column: 'Boss', message: 'Boss "Nobody": no such contact' },
    ]);
    expect(contacts.map((c) => c.name)).toEqual(['A', 'B']);
  });
});

describe('role variants found in colleagues’ lists', () => {
  it.each([
    ['经济决策者', 'decider'],
    ['Economic buyer', 'decider'],
    ['技术把关者', 'authority'],
    ['Technical buyer', 'authority'],
    ['使用者', 'user'],
    ['PAYER', 'payer'],
  ])('"%s" is %s', (label, role) => {
    const list = sheet('Sheet1', ['Name', 'Role'], ['A', label]);
    const { contacts, problems } = rowsToContacts(list, guessMapping(list.header), { newId: ids(), now: NOW });
    expect(problems).toEqual([]);
    expect(contacts[0]!.role).toBe(role);
  });
});
