import type { Client } from '@urql/core';
import { RunImmediate } from './documents.js';
import { errorBox, h, replace, rowsTable } from './dom.js';
import { EXAMPLE_SQL, type SiteState } from './state.js';

/** "Run an immediate query": SQL in, decoded rows out as a table. */
export function mountImmediate(root: HTMLElement, client: Client, state: SiteState): void {
  const sql = h('textarea', { rows: 3, spellcheck: 'false', 'data-testid': 'immediate-sql' });
  const run = h('button', { type: 'submit', 'data-testid': 'immediate-run' }, 'Run');
  const output = h('div', { class: 'output', 'data-testid': 'immediate-output' });
  const form = h('form', {}, sql, h('div', { class: 'row' }, run));
  replace(
    root,
    h('h2', {}, '2. Immediate query'),
    h('p', { class: 'hint' }, 'runImmediateQuery: waits for the practice server and returns the rows.'),
    form,
    output,
  );

  let edited = false;
  sql.addEventListener('input', () => (edited = true));
  state.onChange((site) => {
    run.disabled = !site;
    if (site && !edited) sql.value = EXAMPLE_SQL[site.pmsType].immediate;
    replace(
      output,
      h('p', { class: 'hint' }, site ? `Runs on ${site.practiceName ?? site.id}.` : 'Pick a site first.'),
    );
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const site = state.site;
    if (!site) return;
    run.disabled = true;
    replace(output, h('p', { class: 'hint' }, 'Running…'));
    const result = await client.mutation(RunImmediate, { input: { siteId: site.id, sql: sql.value } }).toPromise();
    run.disabled = false;
    if (result.error || !result.data)
      return replace(output, result.error ? errorBox(result.error, 'immediate-error') : h('p', {}, 'No data.'));
    const q = result.data.runImmediateQuery;
    replace(
      output,
      h(
        'p',
        { class: 'status', 'data-testid': 'immediate-status' },
        h('span', { class: `badge ${q.status === 'SUCCESSFUL' ? 'online' : 'unreachable'}` }, q.status),
        ` ${q.rowCount ?? 0} rows`,
        q.sqlExecutionDurationMs !== null ? ` · ${q.sqlExecutionDurationMs} ms on the practice server` : '',
      ),
      q.error
        ? h(
            'p',
            { class: 'error', 'data-testid': 'immediate-query-error' },
            `${q.error.type ?? ''} ${q.error.code ?? ''}: ${q.error.message ?? ''}`,
          )
        : null,
      q.rows && q.rows.length > 0 ? h('div', { class: 'scroll' }, rowsTable(q.rows, 'immediate-table')) : null,
    );
  });
}
