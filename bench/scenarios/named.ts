/**
 * Issue 15 — a named query costs at most 1.2× the façade CPU of the equivalent raw SQL. Closed
 * loop, 8 connections, one façade: a day's appointment book as the named query
 * (`site(id) { appointments(from, to) { …9 typed fields } }`) and as the same SQL with the same
 * parameters through `runImmediateQuery { rows }`, over the same ten days, alternating rounds.
 * Both cost one billed immediate query upstream; the named query also reads the site once
 * (`getSite`: which PMS's statement to send). The figure is the per-round ratio of µs per operation.
 */
import { graphqlSpec, OnlineSite } from '../lib/env.js';
import { gql, Http, simControl } from '../lib/http.js';
import { closedLoop, type RequestSpec } from '../lib/load.js';
import { startFacade, startSimulator } from '../lib/processes.js';
import { figure, info } from '../lib/report.js';
import { alternate, warmSeconds, type Scenario } from '../lib/scenario.js';
import { summarise } from '../lib/stats.js';

const CONNECTIONS = 8;
/** Ten weekdays of the seeded appointment book (about 30 appointments each). */
const DAYS = ['02', '03', '04', '05', '06', '09', '10', '11', '12', '13'].map((d) => `2026-03-${d}`);

const NAMED = /* GraphQL */ `
  query Book($siteId: ID!, $day: Date!) {
    site(id: $siteId) {
      appointments(from: $day, to: $day) {
        patientId
        patientName
        date
        startTime
        durationMinutes
        provider
        status
        type
        urgent
      }
    }
  }
`;

const RAW = /* GraphQL */ `
  mutation Book($input: RunQueryInput!) {
    runImmediateQuery(input: $input) {
      rows
    }
  }
`;

/** The appointments entry's Best Practice statement (src/catalogue/named-queries/appointments.yaml), with its parameters. */
const RAW_SQL = `SELECT
  InternalID AS patientId, Patient AS patientName, CAST(AppointmentDate AS date) AS [date],
  AppointmentTime AS startTime, AppointmentLength / 60 AS durationMinutes, Provider AS provider,
  Status AS [status], AppointmentType AS [type], Urgent AS urgent
FROM BPS_Appointments
WHERE AppointmentDate >= @from AND AppointmentDate < DATEADD(day, 1, @to)
  AND (@provider IS NULL OR Provider = @provider)
ORDER BY AppointmentDate, AppointmentTime, Provider`;

const namedSpecs = (): RequestSpec[] => DAYS.map((day) => graphqlSpec(NAMED, { siteId: OnlineSite.id, day }));
const rawSpecs = (): RequestSpec[] =>
  DAYS.map((day) =>
    graphqlSpec(RAW, {
      input: {
        siteId: OnlineSite.id,
        sql: RAW_SQL,
        parameters: [
          { name: '@from', type: 'Date', value: day },
          { name: '@to', type: 'Date', value: day },
          { name: '@provider', type: 'NVarChar', value: null },
        ],
      },
    }),
  );

export const named: Scenario = {
  name: 'named',
  title: 'Named query vs the same SQL through runImmediateQuery: façade CPU per operation',
  targets: [15],
  budgetMs: { quick: 40_000, full: 120_000 },
  async run(ctx) {
    const sim = await startSimulator(ctx.scope);
    const facade = await startFacade(ctx.scope, sim, { profile: ctx.profileName('named') });
    const http = new Http(ctx.scope);
    const control = simControl(http, sim);
    // Both answer the same rows (the named ones typed).
    const typed = await gql<{ site: { appointments: unknown[] } }>(http, facade.url, NAMED, {
      siteId: OnlineSite.id,
      day: DAYS[0],
    });
    const rawBody = JSON.parse(rawSpecs()[0]!.body!) as { variables: Record<string, unknown> };
    const raw = await gql<{ runImmediateQuery: { rows: unknown[] } }>(http, facade.url, RAW, rawBody.variables);
    if (typed.site.appointments.length === 0 || typed.site.appointments.length !== raw.runImmediateQuery.rows.length)
      throw new Error('the named query and the raw SQL answer different rows');

    const through = namedSpecs();
    const baseline = rawSpecs();
    await closedLoop(facade.url, [...through, ...baseline], CONNECTIONS, warmSeconds(ctx));
    const rounds = await alternate(
      ctx,
      async () => {
        await control.clearRequests(); // see SIM_LOG_NOTE in lib/env.ts
        return closedLoop(facade.url, baseline, CONNECTIONS, ctx.seconds, facade.pid);
      },
      async () => {
        await control.clearRequests();
        return closedLoop(facade.url, through, CONNECTIONS, ctx.seconds, facade.pid);
      },
    );
    const bad = rounds.reduce(
      (n, r) => n + r.baseline.non2xx + r.baseline.errors + r.facade.non2xx + r.facade.errors,
      0,
    );
    const perOp = (r: { cpuUs?: number; ops: number }) => r.cpuUs! / r.ops;
    const ratio = summarise(rounds.map((r) => perOp(r.facade) / perOp(r.baseline)));
    return [
      figure(
        'named.cpu.ratio',
        15,
        'Named query ÷ runImmediateQuery, façade CPU/op',
        '×',
        ratio,
        {
          kind: 'max',
          value: 1.2,
        },
        {
          detail: {
            connections: CONNECTIONS,
            rows: typed.site.appointments.length,
            namedRps: rounds.map((r) => r.facade.rps),
            rawRps: rounds.map((r) => r.baseline.rps),
            badResponses: bad,
          },
          note: `${typed.site.appointments.length} rows of 9 columns per operation${bad ? `; ${bad} bad responses` : ''}`,
        },
      ),
      info(
        'named.cpu.named',
        15,
        'Named query (appointments), façade CPU/op',
        'µs',
        summarise(rounds.map((r) => perOp(r.facade))),
      ),
      info(
        'named.cpu.raw',
        15,
        'runImmediateQuery, same SQL, façade CPU/op',
        'µs',
        summarise(rounds.map((r) => perOp(r.baseline))),
      ),
    ];
  },
};
