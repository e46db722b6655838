/**
 * The GraphiQL page. Yoga's built-in page loads GraphiQL's scripts from a public CDN, so a browser
 * without internet access (CI, many practice networks) gets an empty page, and a page that shows
 * patient data would run third-party scripts. `@graphql-yoga/render-graphiql` inlines the same
 * GraphiQL build into the page (about 9 MB), so it is rendered once per set of options and cached.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';

/** yoga's `renderGraphiQL` option: the self-contained page, cached per options. */
export function createGraphiQLRenderer(): (options: GraphiQLOptions) => string {
  const cache = new Map<string, string>();
  return (options) => {
    const key = JSON.stringify(options);
    let html = cache.get(key);
    if (html === undefined) {
      html = renderGraphiQL(options);
      if (cache.size < 8) cache.set(key, html);
    }
    return html;
  };
}
