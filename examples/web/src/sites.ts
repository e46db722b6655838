import type { Client } from '@urql/core';
import { SiteLookup } from './documents.js';
import { errorBox, h, replace } from './dom.js';
import type { PracticeManagementSystem, SiteLookupQuery } from './gql/graphql.js';
import type { SiteState } from './state.js';

const PMS: Array<[PracticeManagementSystem, string]> = [
  ['BEST_PRACTICE', 'Best Practice'],
  ['ZEDMED', 'Zedmed'],
  ['D4W', 'D4w'],
];

type FoundSite = SiteLookupQuery['sites'][number];

/** "Pick a site": look sites up by PMS and practice id, then select one. */
export function mountSites(root: HTMLElement, client: Client, state: SiteState): void {
  const pms = h(
    'select',
    { name: 'pms', 'data-testid': 'site-pms' },
    ...PMS.map(([value, label]) => h('option', { value }, label)),
  );
  const pmsSiteId = h('input', {
    name: 'pmsSiteId',
    value: '10001',
    required: true,
    size: 10,
    'data-testid': 'site-pms-id',
  });
  const results = h('div', { class: 'sites', 'data-testid': 'site-results' });
  const form = h(
    'form',
    { class: 'row' },
    h('label', {}, 'Practice management system ', pms),
    h('label', {}, 'Practice id ', pmsSiteId),
    h('button', { type: 'submit', 'data-testid': 'site-find' }, 'Find sites'),
  );
  replace(
    root,
    h('h2', {}, '1. Pick a site'),
    h(
      'p',
      { class: 'hint' },
      'The simulator has Best Practice 10001 (online, with a backup server), 10002 (offline), 10003 (unreachable), Zedmed 20001 and D4w 30001.',
    ),
    form,
    results,
  );

  const render = (sites: readonly FoundSite[]) => {
    if (sites.length === 0) return replace(results, h('p', { class: 'hint' }, 'No site for this practice.'));
    replace(
      results,
      ...sites.map((site) => {
        const selected = state.site?.id === site.id;
        return h(
          'button',
          {
            type: 'button',
            class: `site${selected ? ' selected' : ''}`,
            'data-testid': 'site-option',
            'data-site-id': site.id,
            'aria-pressed': selected ? 'true' : 'false',
            onclick: () => {
              state.select({ id: site.id, practiceName: site.practiceName, pmsType: site.pmsType });
              render(sites);
            },
          },
          h('strong', {}, site.practiceName ?? site.id),
          h('span', { class: `badge ${site.availability.toLowerCase()}` }, site.availability),
          site.authoritative
            ? h('span', { class: 'badge' }, 'authoritative')
            : h('span', { class: 'badge muted' }, 'backup'),
          h('small', {}, `${site.pmsType} ${site.pmsVersion ?? ''} · ${site.id}`),
        );
      }),
    );
  };

  const lookup = async () => {
    replace(results, h('p', { class: 'hint' }, 'Looking up…'));
    const result = await client
      .query(
        SiteLookup,
        { pms: pms.value as PracticeManagementSystem, pmsSiteId: pmsSiteId.value.trim() },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    if (result.error) return replace(results, errorBox(result.error, 'site-error'));
    render(result.data?.sites ?? []);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void lookup();
  });
  void lookup();
}
