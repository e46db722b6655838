import type { Client } from '@urql/core';
import { FirstResultPage, QueryPages, SubmitAsync, WatchQueryStatus } from './documents.js';
import { errorBox, h, replace, rowsTable } from './dom.js';
import type { QueryStatus, ResultPageStatus } from './gql/graphql.js';
import { EXAMPLE_SQL, type SiteState } from './state.js';

interface Progress {
  status: QueryStatus;
  isTerminal: boolean;
  updatedAt: string;
  rowCount: number | null;
  pages: ReadonlyArray<{ pageNumber: number; status: ResultPageStatus; rowCount: number | null }>;
  error: { type: string | null; code: number | null; message: string | null } | null;
}

const FALLBACK_POLL_MS = 500;
const PREVIEW_ROWS = 20;

const time = (iso: string) => (iso.length >= 23 ? iso.slice(11, 23) : iso);

/** "Submit an async query": its live status timeline (queryStatusChanged) and page progress. */
export function mountAsync(root: HTMLElement, client: Client, state: SiteState): void {
  const sql = h('textarea', { rows: 3, spellcheck: 'false', 'data-testid': 'async-sql' });
  const submit = h('button', { type: 'submit', 'data-testid': 'async-submit' }, 'Submit');
  const output = h('div', { class: 'output', 'data-testid': 'async-output' });
  const form = h('form', {}, sql, h('div', { class: 'row' }, submit));
  replace(
    root,
    h('h2', {}, '3. Async query'),
    h(
      'p',
      { class: 'hint' },
      'submitAsyncQuery returns at once; the queryStatusChanged subscription (WebSocket) then reports every phase, with the time it began, and each page upload, until the query is done.',
    ),
    form,
    output,
  );

  let edited = false;
  let stopWatching: (() => void) | undefined;
  sql.addEventListener('input', () => (edited = true));
  state.onChange((site) => {
    stopWatching?.();
    submit.disabled = !site;
    if (site && !edited) sql.value = EXAMPLE_SQL[site.pmsType].async;
    replace(
      output,
      h('p', { class: 'hint' }, site ? `Runs on ${site.practiceName ?? site.id}.` : 'Pick a site first.'),
    );
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const site = state.site;
    if (!site) return;
    stopWatching?.();
    submit.disabled = true;
    replace(output, h('p', { class: 'hint' }, 'Submitting…'));
    const result = await client.mutation(SubmitAsync, { input: { siteId: site.id, sql: sql.value } }).toPromise();
    submit.disabled = false;
    if (result.error || !result.data)
      return replace(output, result.error ? errorBox(result.error, 'async-error') : h('p', {}, 'No data.'));
    const submitted = result.data.submitAsyncQuery;
    stopWatching = watch(site.id, submitted.id, { status: submitted.status, updatedAt: submitted.updatedAt });
  });

  function watch(siteId: string, queryId: string, first: { status: QueryStatus; updatedAt: string }): () => void {
    const timeline = h('ol', { class: 'timeline', 'data-testid': 'async-timeline' });
    const pages = h('div', { class: 'pages', 'data-testid': 'page-progress' });
    const live = h('p', { class: 'hint', 'data-testid': 'async-live' }, 'Subscribing…');
    const result = h('div', { 'data-testid': 'async-result' });
    replace(
      output,
      h('p', {}, 'Query ', h('code', { 'data-testid': 'async-query-id' }, queryId)),
      live,
      timeline,
      pages,
      result,
    );

    const seen: QueryStatus[] = [];
    let stopped = false;
    let fallbackPoll: ReturnType<typeof setInterval> | undefined;

    const addStep = (status: QueryStatus, at: string) => {
      if (seen.at(-1) === status) return;
      seen.push(status);
      timeline.append(
        h(
          'li',
          { 'data-testid': 'timeline-step', 'data-status': status, class: status.toLowerCase() },
          h('strong', {}, status),
          h('time', { datetime: at }, time(at)),
        ),
      );
    };
    const renderPages = (p: Progress['pages']) => {
      if (p.length === 0) return replace(pages, h('span', { class: 'hint' }, 'No result pages yet.'));
      const cached = p.filter((x) => x.status === 'CACHED').length;
      replace(
        pages,
        h('span', { 'data-testid': 'page-count' }, `${cached} of ${p.length} page${p.length === 1 ? '' : 's'} cached`),
        h(
          'span',
          { class: 'blocks' },
          ...p.map((x) =>
            h('span', {
              class: `block ${x.status.toLowerCase()}`,
              title: `Page ${x.pageNumber}: ${x.status}${x.rowCount !== null ? ` (${x.rowCount} rows)` : ''}`,
            }),
          ),
        ),
      );
    };
    const showResult = async () => {
      const r = await client
        .query(FirstResultPage, { siteId, id: queryId }, { requestPolicy: 'network-only' })
        .toPromise();
      if (stopped) return;
      if (r.error || !r.data?.sqlQuery)
        return replace(result, r.error ? errorBox(r.error, 'async-result-error') : h('p', {}, 'Gone.'));
      const q = r.data.sqlQuery;
      const page = q.pages[0];
      replace(
        result,
        h(
          'p',
          { 'data-testid': 'async-summary' },
          `${q.rowCount ?? 0} rows in ${q.pages.length} page${q.pages.length === 1 ? '' : 's'}; the first ${Math.min(PREVIEW_ROWS, page?.rows?.length ?? 0)}:`,
        ),
        page?.rows
          ? h(
              'div',
              { class: 'scroll' },
              rowsTable(page.rows.slice(0, PREVIEW_ROWS), 'async-table', page.columns ?? undefined),
            )
          : null,
      );
    };
    const stopPolls = () => {
      if (fallbackPoll) clearInterval(fallbackPoll);
      fallbackPoll = undefined;
    };
    const pollOnce = async () => {
      const r = await client.query(QueryPages, { siteId, id: queryId }, { requestPolicy: 'network-only' }).toPromise();
      if (!stopped && r.data?.sqlQuery) onProgress(r.data.sqlQuery);
    };
    const onProgress = (p: Progress) => {
      if (stopped) return;
      addStep(p.status, p.updatedAt);
      renderPages(p.pages);
      if (p.error)
        result.replaceChildren(
          h(
            'p',
            { class: 'error', 'data-testid': 'async-query-error' },
            `${p.error.type ?? ''} ${p.error.code ?? ''}: ${p.error.message ?? ''}`,
          ),
        );
      if (p.isTerminal) {
        stopPolls();
        live.textContent = 'Done.';
        if (p.status === 'SUCCESSFUL') void showResult();
      }
    };

    addStep(first.status, first.updatedAt);
    renderPages([]);
    const subscription = client.subscription(WatchQueryStatus, { siteId, queryId }).subscribe((r) => {
      if (r.error) {
        // No WebSocket (a proxy that drops upgrades…): poll instead.
        live.textContent = 'Live updates unavailable; polling every 0.5 s.';
        if (!fallbackPoll) fallbackPoll = setInterval(() => void pollOnce(), FALLBACK_POLL_MS);
        return;
      }
      if (r.data) {
        live.textContent = 'Live (queryStatusChanged).';
        onProgress(r.data.queryStatusChanged);
      }
    });
    return () => {
      stopped = true;
      stopPolls();
      subscription.unsubscribe();
    };
  }
}
