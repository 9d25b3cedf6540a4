import type { ContactDetails as Details } from '@/lib/pipeline/placeholder-check';

/** 联系我们: the newsroom's address, telephone and the mailbox for each kind of letter. */
export function ContactDetails({ contact }: { contact: Details }) {
  const rows = [
    { label: '编辑部', value: contact.newsroom },
    { label: '地址', value: `${contact.address}（邮编 ${contact.postcode}）` },
    {
      label: '电话',
      value: contact.phone,
      href: `tel:${contact.phone.replace(/[^\d+-]/g, '')}`,
    },
    { label: '受理时间', value: contact.hours },
    ...contact.emails.map(({ label, address }) => ({
      label: `${label}邮箱`,
      value: address,
      href: `mailto:${address}`,
    })),
  ];
  return (
    <section aria-labelledby="contact-details" className="mt-4" data-testid="contact-details">
      <h2 id="contact-details" className="sr-only">
        联系方式
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 border border-line bg-[#fafafa] p-4 text-[15px]">
        {rows.map(({ label, value, href }) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            <dd className="min-w-0 break-words">
              {href ? (
                <a href={href} className="text-brand hover:underline">
                  {value}
                </a>
              ) : (
                value
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
