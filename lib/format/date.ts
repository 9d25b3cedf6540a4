// Pure: Chinese dates in the site's time zone, whatever the server's.
import { siteConfig } from '@/config/site';

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: siteConfig.timeZone,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

type Parts = {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
};

function shanghaiParts(input: string | Date): Parts {
  const date = typeof input === 'string' ? new Date(input) : input;
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid date: ${String(input)}`);
  const parts = Object.fromEntries(
    partsFormat.formatToParts(date).map((part) => [part.type, part.value]),
  ) as Parts;
  return parts;
}

/** 2024年1月24日 */
export function formatDate(input: string | Date): string {
  const { year, month, day } = shanghaiParts(input);
  return `${year}年${month}月${day}日`;
}

/** 2024年1月24日 08:00 */
export function formatDateTime(input: string | Date): string {
  const { hour, minute } = shanghaiParts(input);
  return `${formatDate(input)} ${hour}:${minute}`;
}

/** 1月24日 08:00: a 滚动 list's time, the year being the current one. */
export function formatShortDateTime(input: string | Date): string {
  const { month, day, hour, minute } = shanghaiParts(input);
  return `${month}月${day}日 ${hour}:${minute}`;
}

/**
 * 2024-01-24T08:00:00+08:00, for <time dateTime>, structured data and sitemaps: the site's local
 * time with its offset at that instant. China kept summer time in 1940–1949 and 1986–1991
 * (+09:00); an archive reaching back that far must not label those hours +08:00, an hour off.
 */
export function toShanghaiIso(input: string | Date): string {
  const { year, month, day, hour, minute, second } = shanghaiParts(input);
  const pad = (value: string | number) => String(value).padStart(2, '0');
  const instant = typeof input === 'string' ? Date.parse(input) : input.getTime();
  const local = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  const offset = Math.round((local - Math.floor(instant / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${year}-${pad(month)}-${pad(day)}T${hour}:${minute}:${second}${zone}`;
}
