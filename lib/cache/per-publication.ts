import 'server-only';
// Values derived from the published articles (feeds, the tag list), computed once per state of
// publication: until another content version is served or a scheduled article falls due
// (lib/content/repository.ts), so nothing derived from the articles before is served after that.
import { perPublicationValue } from '@/lib/content/repository';

export function perPublication<T>(key: string, compute: () => T): T {
  return perPublicationValue(key, compute);
}
