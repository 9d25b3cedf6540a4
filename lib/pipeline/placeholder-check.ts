// Pure, build time: site documents that still hold placeholders. Kept apart from the article
// checks (check.ts): the content check adds these warnings to its own.
import type { Problem, SourceFile } from './check';

export type ContactDetails = {
  newsroom: string;
  address: string;
  postcode: string;
  phone: string;
  hours: string;
  emails: readonly { label: string; address: string }[];
};

export const CONTACT_PAGE = 'pages/contact.md';

/** Text an editor or operator is meant to replace. */
const PLACEHOLDER_TEXT = ['由网站运营方在部署时填写', '待填写', '（示例）', 'TODO'];
/** Domains reserved for examples (RFC 2606) and the word 示例. */
const EXAMPLE_VALUE = /(^|[@.])example\.(com|org|net)$|示例/i;

const msg = (zh: string, en: string) => `${zh} / ${en}`;

/** The contact details that are still examples, as `label: value`. */
export function exampleContactValues(contact: ContactDetails): string[] {
  const values = [
    ['地址', contact.address],
    ['电话', contact.phone],
    ...contact.emails.map(({ label, address }) => [label, address]),
  ] as const;
  return values
    .filter(([, value]) => EXAMPLE_VALUE.test(value))
    .map(([label, value]) => `${label} ${value}`);
}

/** Warnings for 联系我们 while it is a placeholder: its text, or the details it shows from the config. */
export function checkPlaceholders(files: SourceFile[], contact: ContactDetails): Problem[] {
  const page = files.find((file) => file.path === CONTACT_PAGE);
  if (!page) return [];
  const problems: Problem[] = [];
  const lines = page.text.split('\n');
  lines.forEach((line, index) => {
    const phrase = PLACEHOLDER_TEXT.find((text) => line.includes(text));
    if (phrase) {
      problems.push({
        file: CONTACT_PAGE,
        line: index + 1,
        field: 'body',
        severity: 'warning',
        message: msg(
          `“联系我们”仍是占位文字（${phrase}），请写明编辑部的联系方式`,
          'the contact page still holds placeholder text',
        ),
      });
    }
  });
  const examples = exampleContactValues(contact);
  if (examples.length > 0) {
    problems.push({
      file: CONTACT_PAGE,
      line: 1,
      field: 'contact',
      severity: 'warning',
      message: msg(
        `“联系我们”显示的联系方式仍是示例（config/site.ts 的 contact：${examples.join('，')}），上线前请换成编辑部真实的地址、电话和邮箱`,
        'the contact details in config/site.ts are still examples',
      ),
    });
  }
  return problems;
}
