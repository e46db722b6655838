import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { useApp } from '../helpers/app.js';
import { directSql, directWrite, type Row } from '../helpers/halo.js';
import { createManualScheduler } from '../helpers/scheduler.js';
import { advanceUntil } from '../subscriptions/drive.js';
import { ensureWebAppBuilt, launchChromium, loopbackPage, screenshot } from './browser.js';

// Polls run when the test says so: each status arrives on cue, without sleeping. Small result pages
// make the async query's result span several of them. The server runs trusted documents only: the
// example app's manifest, as codegen wrote it.
const scheduler = createManualScheduler();
const manifest = JSON.parse(
  readFileSync(new URL('../../examples/web/src/gql/persisted-documents.json', import.meta.url), 'utf8'),
) as Record<string, string>;
const ctx = useApp({
  listen: true,
  deps: { scheduler },
  simulator: { pageBytes: 16 * 1024 },
  app: { trustedDocuments: { mode: 'require', documents: manifest } },
});

let browser: Browser;
let context: BrowserContext;
let page: Page;
let blocked: string[];

beforeAll(async () => {
  await ensureWebAppBuilt();
  browser = await launchChromium();
  ({ context, page, blocked } = await loopbackPage(browser));
}, 120_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** Cell texts of a table's body rows, as the app renders them (null as an em dash). */
async function tableRows(testId: string): Promise<string[][]> {
  const rows = page.getByTestId(testId).locator('tbody tr');
  const out: string[][] = [];
  for (const row of await rows.all()) out.push(await row.locator('td').allInnerTexts());
  return out;
}

const cells = (rows: Row[], columns: string[]) =>
  rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '—' : String(r[c]))));

/** Fires the watcher's next poll once one is scheduled, and waits until its events are out. */
async function poll(): Promise<void> {
  await vi.waitFor(() => expect(scheduler.pending()).toBeGreaterThan(0));
  scheduler.tick();
  await ctx.app.live.whenIdle();
}

describe('the example app at /app in headless Chromium', () => {
  it('should be served by a server that refuses documents sent as text (so the app below sends only its manifest)', async () => {
    const res = await fetch(`${ctx.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: Object.values(manifest)[0] }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { errors: Array<{ extensions: unknown }> }).errors[0]?.extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'TRUSTED_DOCUMENTS_ONLY',
    });
  });

  it('should load from the façade and pick a site from a lookup', async () => {
    await page.goto(`${ctx.url}/app`);
    expect(page.url()).toBe(`${ctx.url}/app/`);
    const options = page.getByTestId('site-option');
    await expect.poll(() => options.allInnerTexts()).toHaveLength(2);
    expect((await options.allInnerTexts()).join('\n')).toContain('Halo Clinic North (backup server)');
    await page.locator(`[data-site-id="${OnlineSite.id}"]`).click();
    await expect
      .poll(() => page.getByTestId('current-site').innerText())
      .toBe('Site: Halo Clinic North (BEST_PRACTICE)');
    expect(await page.locator(`[data-site-id="${OnlineSite.id}"]`).getAttribute('aria-pressed')).toBe('true');
  });

  it('should run an immediate query into a table whose rows are the practice database rows', async () => {
    expect(await page.getByTestId('immediate-sql').inputValue()).toBe(
      'SELECT TOP 10 InternalID, Firstname, Surname, DOB FROM BPS_Patients ORDER BY InternalID',
    );
    await page.getByTestId('immediate-run').click();
    await page.getByTestId('immediate-table').waitFor();
    const expected = await directSql(
      ctx,
      OnlineSite.id,
      'SELECT InternalID, Firstname, Surname, DOB FROM BPS_Patients ORDER BY InternalID LIMIT 10',
    );
    expect(await page.getByTestId('immediate-table').locator('th').allInnerTexts()).toEqual([
      'InternalID',
      'Firstname',
      'Surname',
      'DOB',
    ]);
    expect(await tableRows('immediate-table')).toEqual(cells(expected, ['InternalID', 'Firstname', 'Surname', 'DOB']));
    expect(await page.getByTestId('immediate-status').innerText()).toMatch(/^SUCCESSFUL 10 rows/);
    await screenshot(page, 'example-app-immediate');
  });

  it('should follow an async query live, phase by phase and page by page, until it is SUCCESSFUL', async () => {
    await page.getByTestId('async-submit').click();
    const queryId = (await page.getByTestId('async-query-id').innerText()).trim();
    expect(queryId).toMatch(/^[0-9a-f-]{36}$/);
    const steps = page.getByTestId('timeline-step');
    const statuses = () => steps.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
    await expect.poll(() => page.getByTestId('async-live').innerText()).toBe('Live (queryStatusChanged).');
    expect(await statuses()).toEqual(['INITIALISING']);

    await advanceUntil(ctx, queryId, 'queued');
    await poll();
    await expect.poll(statuses).toEqual(['INITIALISING', 'QUEUED']);
    // One poll sees UPLOADING: EXECUTING, which it never saw, still reaches the timeline (from statusTiming).
    await advanceUntil(ctx, queryId, 'uploading');
    await poll();
    await expect.poll(statuses).toEqual(['INITIALISING', 'QUEUED', 'EXECUTING', 'UPLOADING']);
    const started = ctx.sim.state.queries.get(queryId)!.timing.executing!.startTime;
    expect(await page.locator('[data-status="EXECUTING"] time').getAttribute('datetime')).toBe(
      new Date(started).toISOString(),
    );
    const pages = ctx.sim.state.queries.get(queryId)?.pages.length ?? 0;
    expect(pages).toBeGreaterThan(2);
    await expect.poll(() => page.getByTestId('page-count').innerText()).toBe(`0 of ${pages} pages cached`);
    // Page uploads arrive as events of the subscription (page progress), with the next poll.
    await ctx.advance(250);
    await poll();
    await expect.poll(() => page.getByTestId('page-count').innerText()).toBe(`2 of ${pages} pages cached`);
    await screenshot(page, 'example-app-async-uploading');

    await advanceUntil(ctx, queryId, 'successful');
    await poll();
    await expect.poll(statuses).toEqual(['INITIALISING', 'QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
    await expect.poll(() => page.getByTestId('page-count').innerText()).toBe(`${pages} of ${pages} pages cached`);
    await page.getByTestId('async-table').waitFor();
    expect(await page.getByTestId('async-summary').innerText()).toBe(`2000 rows in ${pages} pages; the first 20:`);
    const expected = await directSql(
      ctx,
      OnlineSite.id,
      'SELECT InternalID, Surname, Firstname, DOB, Postcode FROM BPS_Patients ORDER BY InternalID LIMIT 20',
    );
    expect(await tableRows('async-table')).toEqual(
      cells(expected, ['InternalID', 'Surname', 'Firstname', 'DOB', 'Postcode']),
    );
    await screenshot(page, 'example-app-async');
  });

  it('should search patients and page forward and back with cursors', async () => {
    const [{ n: total } = { n: 0 }] = (await directSql(
      ctx,
      OnlineSite.id,
      'SELECT COUNT(*) AS n FROM BPS_Patients',
    )) as Array<{ n: number }>;
    await page.getByTestId('patients-search').click();
    await page.getByTestId('patients-table').waitFor();
    const ids = () =>
      page.getByTestId('patient-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-patient-id')));
    const first = await ids();
    expect(first).toHaveLength(10);
    expect(await page.getByTestId('patients-page').innerText()).toBe(
      `Page 1 of ${Math.ceil(total / 10)} · ${total} patients`,
    );

    await page.getByTestId('patients-next').click();
    await expect.poll(() => page.getByTestId('patients-page').innerText()).toMatch(/^Page 2 /);
    const second = await ids();
    expect(second).toHaveLength(10);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    // Sorted by family name, across the page boundary too.
    const families = await page
      .getByTestId('patient-row')
      .evaluateAll((els) => els.map((el) => el.children[1]?.textContent ?? ''));
    expect([...families].sort((a, b) => a.localeCompare(b))).toEqual(families);
    await screenshot(page, 'example-app-patients');

    await page.getByTestId('patients-prev').click();
    await expect.poll(() => page.getByTestId('patients-page').innerText()).toMatch(/^Page 1 /);
    expect(await ids()).toEqual(first);

    const [someone] = (await directSql(
      ctx,
      OnlineSite.id,
      'SELECT Surname FROM BPS_Patients ORDER BY InternalID LIMIT 1',
    )) as Array<{ Surname: string }>;
    await page.getByTestId('patients-name').fill(someone!.Surname);
    await page.getByTestId('patients-search').click();
    await expect.poll(() => page.getByTestId('patients-page').innerText()).not.toContain(`${total} patients`);
    const names = await page
      .getByTestId('patient-row')
      .evaluateAll((els) => els.map((el) => `${el.children[1]?.textContent} ${el.children[2]?.textContent}`));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name.toLowerCase()).toContain(someone!.Surname.toLowerCase());
    expect(blocked).toEqual([]);
  });

  it('should show a live appointment book for a day from named queries, updated when the practice changes it', async () => {
    const book =
      "SELECT InternalID FROM BPS_Appointments WHERE AppointmentDate = '2026-03-02T00:00:00' ORDER BY AppointmentTime, Provider";
    const expected = (await directSql(ctx, OnlineSite.id, book)).map((r) => String(r['InternalID']));
    expect(expected.length).toBeGreaterThan(20);
    const ids = () =>
      page.getByTestId('book-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-patient-id')));
    await expect.poll(ids).toEqual(expected);
    expect(await page.getByTestId('book-status').innerText()).toBe(`${expected.length} appointments · live`);
    // The provider filter comes from the providers named query.
    await expect.poll(() => page.getByTestId('book-provider').locator('option').count()).toBe(9);
    await screenshot(page, 'example-app-appointments');

    // The practice books one more; Halo Link's next run of the registered query sees it.
    await directWrite(
      ctx,
      OnlineSite.id,
      "INSERT INTO APPOINTMENTS (AppointmentDate, AppointmentTime, AppointmentLength, UserID, InternalID, LocationID) VALUES ('2026-03-02T00:00:00', 61200, 900, 1, 42, 1)",
    );
    const [registered] = [...ctx.sim.state.registered.values()].filter((r) => r.status === 'enabled');
    await ctx.call('POST', `/_sim/registered/${registered!.id}/run`);
    await vi.waitFor(async () => {
      await poll();
      expect(await ids()).toEqual([...expected, '42']);
    });
    expect(await page.getByTestId('book-status').innerText()).toBe(
      `${expected.length + 1} appointments · updated live 1 time`,
    );
    expect(blocked).toEqual([]);
  });
});
