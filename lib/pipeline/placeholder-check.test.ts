import { describe, expect, it } from 'vitest';
import { siteConfig } from '@/config/site';
import { checkPlaceholders, exampleContactValues, type ContactDetails } from './placeholder-check';

const real: ContactDetails = {
  newsroom: '某某新闻网编辑部',
  address: '北京市东城区某某大街 8 号',
  postcode: '100010',
  phone: '010-65550000',
  hours: '工作日 9:00—18:00',
  emails: [{ label: '新闻线索', address: 'tips@news.cn.invalid' }],
};
const page = (body: string) => ({
  path: 'pages/contact.md',
  text: `---\ntitle: 联系我们\n---\n\n${body}\n`,
});

describe('the contact page placeholder check', () => {
  it('warns, naming the file, while the shipped example details are in the config', () => {
    const problems = checkPlaceholders([page('欢迎来信。')], siteConfig.contact);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'pages/contact.md',
        line: 1,
        field: 'contact',
        severity: 'warning',
      }),
    ]);
    expect(problems[0]?.message).toContain('tips@example.com');
    expect(exampleContactValues(siteConfig.contact).length).toBeGreaterThan(3);
  });

  it('warns at the line of placeholder text in the page', () => {
    const problems = checkPlaceholders(
      [page('欢迎来信。\n\n联系方式由网站运营方在部署时填写。')],
      real,
    );
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'pages/contact.md',
        line: 7,
        field: 'body',
        severity: 'warning',
      }),
    ]);
  });

  it('is quiet once the page and the details are real, or without a contact page', () => {
    expect(checkPlaceholders([page('欢迎来信。')], real)).toEqual([]);
    expect(checkPlaceholders([], siteConfig.contact)).toEqual([]);
  });
});
