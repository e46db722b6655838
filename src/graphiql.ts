/**
 * The GraphiQL page. Yoga's built-in page loads GraphiQL's scripts from a public CDN, so a browser
 * without internet access (CI, many practice networks) gets an empty page, and a page that shows
 * patient data would run third-party scripts. `@graphql-yoga/render-graphiql` inlines the same
 * GraphiQL build into the page (about 9 MB, rendered once and cached); it is used when installed,
 * and yoga's CDN page otherwise.
 */
import { renderGraphiQL as renderFromCdn, type GraphiQLOptions } from 'graphql-yoga';

type Render = (options?: GraphiQLOptions) => string;

// Loaded by name at run time so the app also runs where the package is not installed.
const SELF_CONTAINED = '@graphql-yoga/render-graphiql';
let loading: Promise<Render | undefined> | undefined;

/** The self-contained renderer, or undefined when the package is not installed. */
export function loadSelfContainedGraphiQL(): Promise<Render | undefined> {
  loading ??= import(SELF_CONTAINED).then(
    (mod: { renderGraphiQL?: unknown }) => (typeof mod.renderGraphiQL === 'function' ? (mod.renderGraphiQL as Render) : undefined),
    () => undefined,
  );
  return loading;
}

/** yoga's `renderGraphiQL` option: the self-contained page when available, cached per options. */
export function createGraphiQLRenderer(): (options: GraphiQLOptions) => Promise<string> {
  const cache = new Map<string, string>();
  return async (options) => {
    const key = JSON.stringify(options);
    let html = cache.get(key);
    if (html === undefined) {
      const render = (await loadSelfContainedGraphiQL()) ?? renderFromCdn;
      html = render(options);
      if (cache.size < 8) cache.set(key, html);
    }
    return html;
  };
}
