import 'server-only';
// What the 繁體 routes (app/zh-hant) share: their metadata, converted from the 简体 page's.
import type { Metadata } from 'next';
import { siteConfig } from '@/config/site';
import { hantMetadata } from './metadata';

export function hantPageMetadata(metadata: Metadata): Metadata {
  return hantMetadata(metadata, new URL(siteConfig.url).origin);
}
