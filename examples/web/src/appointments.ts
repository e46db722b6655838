import type { Client } from '@urql/core';
import { AppointmentBook, Providers } from './documents.js';
import { errorBox, h, replace } from './dom.js';
import type { AppointmentBookSubscription } from './gql/graphql.js';
import type { SiteState } from './state.js';

type Appointment = AppointmentBookSubscription['appointmentsChanged'][number];

/**
 * "Appointment book": a day's book as the practice has it, live. Named queries only: `providers`
 * fills the provider filter, and the `appointmentsChanged` subscription sends the day's rows at
 * once and again whenever they change (one Halo registered query serves everyone watching the day).
 */
export function mountAppointments(root: HTMLElement, client: Client, state: SiteState): void {
  const day = h('input', { type: 'date', value: '2026-03-02', required: true, 'data-testid': 'book-day' });
  const provider = h('select', { 'data-testid': 'book-provider' }, h('option', { value: '' }, 'All providers'));
  const status = h('p', { class: 'hint', 'data-testid': 'book-status' }, 'Pick a site first.');
  const output = h('div', { class: 'output', 'data-testid': 'book-output' });
  replace(
    root,
    h('h2', {}, '5. Appointment book'),
    h(
      'p',
      { class: 'hint' },
      'Named queries: typed rows, no SQL. The appointmentsChanged subscription sends the day at once, then again on every change.',
    ),
    h('div', { class: 'row' }, h('label', {}, 'Day ', day), h('label', {}, 'Provider ', provider)),
    status,
    output,
  );

  let stop: (() => void) | undefined;
  const render = (rows: readonly Appointment[], updates: number) => {
    replace(
      status,
      `${rows.length} appointment${rows.length === 1 ? '' : 's'}`,
      updates > 0 ? ` · updated live ${updates} time${updates === 1 ? '' : 's'}` : ' · live',
    );
    replace(
      output,
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          { 'data-testid': 'book-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['Time', 'Minutes', 'Patient', 'Provider', 'Type', 'Status', 'Urgent'].map((c) => h('th', {}, c)),
            ),
          ),
          h(
            'tbody',
            {},
            ...rows.map((a) =>
              h(
                'tr',
                { 'data-testid': 'book-row', 'data-patient-id': a.patientId },
                h('td', {}, a.startTime.slice(0, 5)),
                h('td', {}, a.durationMinutes ?? '—'),
                h('td', {}, a.patientName ?? '—'),
                h('td', {}, a.provider ?? '—'),
                h('td', {}, a.type ?? '—'),
                h('td', {}, a.status ?? '—'),
                h('td', {}, a.urgent ? 'urgent' : ''),
              ),
            ),
          ),
        ),
      ),
    );
  };

  const follow = () => {
    stop?.();
    stop = undefined;
    const site = state.site;
    if (!site || !day.value) return;
    replace(status, 'Loading…');
    replace(output);
    let updates = -1;
    const subscription = client
      .subscription(AppointmentBook, { siteId: site.id, day: day.value, provider: provider.value || null })
      .subscribe((r) => {
        if (r.error) {
          replace(status, '');
          replace(output, errorBox(r.error, 'book-error'));
          return;
        }
        if (r.data) render(r.data.appointmentsChanged, ++updates);
      });
    stop = () => subscription.unsubscribe();
  };

  state.onChange((site) => {
    replace(provider, h('option', { value: '' }, 'All providers'));
    if (!site) return;
    void client
      .query(Providers, { siteId: site.id })
      .toPromise()
      .then((r) => {
        for (const p of r.data?.site?.providers ?? []) {
          const name = [p.title, p.firstname, p.surname].filter(Boolean).join(' ');
          provider.append(h('option', { value: name }, name));
        }
      });
    follow();
  });
  day.addEventListener('change', follow);
  provider.addEventListener('change', follow);
}
