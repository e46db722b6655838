import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { useApp } from '../helpers/app.js';
import { createManualScheduler } from '../helpers/scheduler.js';
import { advanceUntil } from '../subscriptions/drive.js';
import { launchChromium, loopbackPage, screenshot } from './browser.js';

// Polls run when the test says so: the subscription's events arrive on cue, without sleeping.
const scheduler = createManualScheduler();
const ctx = useApp({ listen: true, deps: { scheduler } });

let browser: Browser;
let context: BrowserContext;
let page: Page;
let blocked: string[];

beforeAll(async () => {
  browser = await launchChromium();
  ({ context, page, blocked } = await loopbackPage(browser));
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** The text an editor shows (Monaco renders spaces as no-break spaces). */
const shown = async (selector: string) =>
  (await page.locator(`${selector} .view-lines`).first().innerText()).replace(/\u00a0/g, ' ');
const response = () => shown('.graphiql-response');
const queryEditor = () => shown('.graphiql-query-editor');

/** Picks an operation from the run button's menu (the document holds several). */
async function run(operationName: string): Promise<void> {
  await page.locator('.graphiql-execute-button').click();
  await page.getByRole('menuitem', { name: operationName, exact: true }).click();
}

/** Fires the watcher's next poll once one is scheduled, and waits until its events are out. */
async function poll(): Promise<void> {
  await vi.waitFor(() => expect(scheduler.pending()).toBeGreaterThan(0));
  scheduler.tick();
  await ctx.app.live.whenIdle();
}

describe('GraphiQL in headless Chromium', () => {
  it('should open /graphql with the example operations preloaded, from this server alone', async () => {
    await page.goto(`${ctx.url}/graphql`);
    await page.locator('.graphiql-execute-button').waitFor();
    await expect.poll(queryEditor).toContain('query SiteLookup');
    await page.locator('.graphiql-execute-button').click();
    expect(await page.getByRole('menuitem').allInnerTexts()).toEqual([
      'SiteLookup',
      'AppointmentBook',
      'FindPatient',
      'PatientSummary',
      'SeveralPractices',
      'AppointmentBookLive',
      'ImmediateQuery',
      'ImmediateQueryWithParameters',
      'ReusedQuery',
      'SiteUsage',
      'SubmitAsyncQuery',
      'AsyncQueryStatus',
      'AsyncQueryStatusLive',
      'WatchNewAppointments',
      'RegisteredQueryWatch',
      'PatientSearch',
    ]);
    await page.keyboard.press('Escape');
    expect(blocked).toEqual([]);
  });

  it('should run a query and render its result', async () => {
    await run('SiteLookup');
    await expect.poll(response).toContain('"practiceName": "Halo Clinic North (backup server)"');
    const text = await response();
    expect(text).toContain('"practiceName": "Halo Clinic North"');
    expect(text).toContain(`"id": "${OnlineSite.id}"`);
    // GraphiQL fills the viewport; a full-page shot would only add blank space.
    await screenshot(page, 'graphiql-query', { fullPage: false });
  });

  it("should run a named query and render a day's appointment book as typed rows", async () => {
    await run('AppointmentBook');
    await expect.poll(response).toContain('"appointments"');
    const text = await response();
    expect(text).toContain('"startTime": "08:00:00"');
    expect(text).toMatch(/"urgent": (true|false)/);
    expect(text).not.toContain('"errors"');
  });

  it('should run a subscription over WebSocket and render each new status as it arrives', async () => {
    await run('SubmitAsyncQuery');
    await expect.poll(response).toContain('"submitAsyncQuery"');
    const queryId = /"id": "([0-9a-f-]{36})"/.exec(await response())?.[1];
    expect(queryId).toMatch(/^[0-9a-f-]{36}$/);

    // The subscription takes the id as a variable, typed into the variables editor as a person would.
    await page.getByText('Variables', { exact: true }).click();
    await page.locator('.graphiql-editor-tool .monaco-editor').first().click();
    await page.keyboard.insertText(`{ "queryId": "${queryId}" }`);
    await run('AsyncQueryStatusLive');
    await expect.poll(response).toContain('"queryStatusChanged"');
    expect(await response()).toContain('"status": "INITIALISING"');
    expect(ctx.app.ws.stats()).toMatchObject({ connections: 1, operations: 1 });

    await advanceUntil(ctx, queryId!, 'successful');
    await poll();
    await expect.poll(response).toContain('"status": "SUCCESSFUL"');
    expect(await response()).toContain('"isTerminal": true');
    await screenshot(page, 'graphiql-subscription', { fullPage: false });
    expect(blocked).toEqual([]);
  });
});
