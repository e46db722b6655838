import type { Client } from '@urql/core';
import { SearchPatients } from './documents.js';
import { errorBox, h, replace } from './dom.js';
import type { PatientSearch, SearchPatientsQuery } from './gql/graphql.js';
import type { SiteState } from './state.js';

type Edge = SearchPatientsQuery['patients']['edges'][number];

const displayName = (node: Edge['node']) => {
  const name = node.name?.find((n) => n.use === 'official') ?? node.name?.[0];
  return { family: name?.family ?? '—', given: name?.given?.join(' ') ?? '—' };
};

/** "Search patients": a FHIR Patient search, paged with Relay cursors (Next / Previous). */
export function mountPatients(root: HTMLElement, client: Client, state: SiteState): void {
  const name = h('input', { name: 'name', placeholder: 'e.g. smi', size: 14, 'data-testid': 'patients-name' });
  const gender = h(
    'select',
    { name: 'gender', 'data-testid': 'patients-gender' },
    h('option', { value: '' }, 'any'),
    h('option', { value: 'female' }, 'female'),
    h('option', { value: 'male' }, 'male'),
    h('option', { value: 'other' }, 'other'),
  );
  const size = h(
    'select',
    { name: 'first', 'data-testid': 'patients-page-size' },
    ...[5, 10, 20].map((n) => h('option', { value: n, selected: n === 10 }, String(n))),
  );
  const search = h('button', { type: 'submit', 'data-testid': 'patients-search' }, 'Search');
  const prev = h('button', { type: 'button', 'data-testid': 'patients-prev', disabled: true }, '← Previous');
  const next = h('button', { type: 'button', 'data-testid': 'patients-next', disabled: true }, 'Next →');
  const info = h('span', { class: 'hint', 'data-testid': 'patients-page' });
  const output = h('div', { class: 'output', 'data-testid': 'patients-output' });
  const form = h(
    'form',
    { class: 'row' },
    h('label', {}, 'Name ', name),
    h('label', {}, 'Gender ', gender),
    h('label', {}, 'Page size ', size),
    search,
  );
  replace(
    root,
    h('h2', {}, '4. Search patients'),
    h(
      'p',
      { class: 'hint' },
      'patients(siteId, search, first, after): FHIR Patient search on the practice server, one page at a time.',
    ),
    form,
    output,
    h('div', { class: 'row pager' }, prev, info, next),
  );

  // Cursors of the pages shown so far: cursors[i] is the `after` of page i + 1.
  let cursors: Array<string | null> = [null];
  let page = 0;
  let endCursor: string | null = null;

  state.onChange((site) => {
    search.disabled = !site;
    cursors = [null];
    page = 0;
    prev.disabled = next.disabled = true;
    info.textContent = '';
    replace(
      output,
      h('p', { class: 'hint' }, site ? 'Search by name, or leave it empty for everyone.' : 'Pick a site first.'),
    );
  });

  const criteria = (): PatientSearch => ({
    ...(name.value.trim() ? { name: [name.value.trim()] } : {}),
    ...(gender.value ? { gender: [gender.value] } : {}),
    _sort: 'family,given',
  });

  const load = async () => {
    const site = state.site;
    if (!site) return;
    search.disabled = prev.disabled = next.disabled = true;
    const result = await client
      .query(
        SearchPatients,
        { siteId: site.id, search: criteria(), first: Number(size.value), after: cursors[page] ?? null },
        { requestPolicy: 'cache-and-network' },
      )
      .toPromise();
    search.disabled = false;
    if (result.error || !result.data) {
      replace(output, result.error ? errorBox(result.error, 'patients-error') : h('p', {}, 'No data.'));
      return;
    }
    const { edges, pageInfo, totalCount } = result.data.patients;
    endCursor = pageInfo.endCursor ?? null;
    prev.disabled = page === 0;
    next.disabled = !pageInfo.hasNextPage;
    info.textContent = `Page ${page + 1}${totalCount !== null ? ` of ${Math.max(1, Math.ceil(totalCount / Number(size.value)))} · ${totalCount} patients` : ''}`;
    if (edges.length === 0) return replace(output, h('p', { class: 'hint' }, 'No patient matches.'));
    replace(
      output,
      h(
        'table',
        { 'data-testid': 'patients-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['FHIR id', 'Family', 'Given', 'Gender', 'Birth date', 'Phone'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          {},
          ...edges.map(({ node }) => {
            const n = displayName(node);
            const phone = node.telecom?.find((t) => t.system === 'phone')?.value ?? '—';
            return h(
              'tr',
              { 'data-testid': 'patient-row', 'data-patient-id': node.id },
              h('td', {}, node.fhirId),
              h('td', {}, n.family),
              h('td', {}, n.given),
              h('td', {}, node.gender ?? '—'),
              h('td', {}, node.birthDate ?? '—'),
              h('td', {}, phone),
            );
          }),
        ),
      ),
    );
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    cursors = [null];
    page = 0;
    void load();
  });
  next.addEventListener('click', () => {
    if (!endCursor) return;
    cursors[page + 1] = endCursor;
    page++;
    void load();
  });
  prev.addEventListener('click', () => {
    if (page === 0) return;
    page--;
    void load();
  });
}
