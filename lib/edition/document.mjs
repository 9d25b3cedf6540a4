// @ts-check
// Pure: a 繁體 page's <html lang> (docs/adr/021-traditional-chinese-edition.md). Plain JavaScript,
// because the cache handler (lib/cache/handler.mjs), which Next loads without bundling, applies
// it to each cached page's final HTML; pages rendered per request (search) get it from
// lib/http/page-script-response.ts.
//
// Both editions share the root layout (app/layout.tsx), which cannot know the URL it renders
// for without making every page dynamic. A 繁體 page says what it is in the first element of its
// <body> after Next's hidden one: the page's static island carries lang="zh-Hant" (components/page-frame.tsx). That
// element is ours, before any content, so an article that uses lang="zh-Hant" inside its text
// cannot turn a 简体 page into a 繁體 one.

// Next writes an empty hidden <div> (Suspense markers) first in <body>; then comes the island.
const FIRST_ISLAND =
  /<body[^>]*>(?:<div hidden="">(?:<!--[^>]*-->)*<\/div>)?<div id="[^"]+" class="contents" lang="zh-Hant"/;
const HTML_LANG = /^(<!DOCTYPE html>\s*<html[^>]*?\slang=")[^"]*"/i;

/**
 * The document with <html lang="zh-Hant"> when its first island says it is a 繁體 page;
 * any other HTML as it is.
 * @param {string} html
 * @returns {string}
 */
export function documentLanguage(html) {
  if (!FIRST_ISLAND.test(html)) return html;
  return html.replace(HTML_LANG, '$1zh-Hant"');
}
