import { serializeJsonLd, type JsonLd as JsonLdData } from '@/lib/seo/json-ld';

export function JsonLd({ data }: { data: JsonLdData }) {
  // serializeJsonLd escapes <, >, & and line separators, so the content cannot leave the script.
  return (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }}
    />
  );
}
