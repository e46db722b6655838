import './style.css';
import { mountAppointments } from './appointments.js';
import { mountAsync } from './async.js';
import { createClient } from './client.js';
import { mountImmediate } from './immediate.js';
import { mountPatients } from './patients.js';
import { mountSites } from './sites.js';
import { SiteState } from './state.js';

const section = (id: string) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el;
};

const client = createClient();
const state = new SiteState();
const current = document.querySelector<HTMLElement>('[data-testid="current-site"]');
state.onChange((site) => {
  if (current)
    current.textContent = site ? `Site: ${site.practiceName ?? site.id} (${site.pmsType})` : 'No site selected';
});
mountSites(section('sites'), client, state);
mountImmediate(section('immediate'), client, state);
mountAsync(section('async'), client, state);
mountPatients(section('patients'), client, state);
mountAppointments(section('appointments'), client, state);
