import { builder } from '../builder.js';
import { badUserInput, toApiError, upstream } from '../../errors/api-errors.js';
import { RegisteredQueryStatus } from '../enums.js';
import { requireGuid, siteScopedKey, splitSiteScopedKey } from '../ids.js';
import { DateTime } from '../scalars.js';
import { QueryError } from './QueryError.js';
import { RegisteredQueryMetrics } from './RegisteredQueryMetrics.js';
import { RegisteredQueryResult } from './RegisteredQueryResult.js';
import { commandInputFields, toCommandParameters } from './SqlParameter.js';
import { isHaloApiError } from '../../datasources/halo-error.js';
import type { RegisteredQuery as WireRegisteredQuery } from '../../datasources/types.js';
import type { Context } from '../../request/context.js';

export interface RegisteredQueryShape {
  siteId: string;
  query: WireRegisteredQuery;
}

async function loadRegistered(keys: string[], ctx: Context): Promise<Array<RegisteredQueryShape | Error>> {
  // Halo has no batch read for registered queries: one call per distinct key (the loader dedupes).
  return Promise.all(
    keys.map(async (key) => {
      const [siteId, id] = splitSiteScopedKey(key);
      try {
        return { siteId, query: await ctx.halo.getRegisteredQuery(siteId, id) };
      } catch (err) {
        return toApiError(err);
      }
    }),
  );
}

export const RegisteredQuery = builder.loadableObject('RegisteredQuery', {
  description:
    'A recurring query Halo Link runs on the practice server every `frequencySeconds` for `durationSeconds`.',
  load: loadRegistered,
  cacheResolved: (r) => siteScopedKey(r.siteId, r.query.id),
  fields: (t) => ({
    id: t.id({ description: "Halo's GUID of the registered query (unique across sites).", resolve: (r) => r.query.id }),
    siteId: t.id({ description: 'The Halo GUID of the site it runs on.', resolve: (r) => r.siteId }),
    name: t.string({ description: 'The label it was registered with.', resolve: (r) => r.query.name }),
    status: t.field({
      description: 'Whether it still runs.',
      type: RegisteredQueryStatus,
      resolve: (r) => r.query.status,
    }),
    frequencySeconds: t.int({ description: 'Seconds between runs (at least 60).', resolve: (r) => r.query.frequency }),
    durationSeconds: t.int({
      description: 'Seconds it runs for from createdAt (at most 86,400).',
      resolve: (r) => r.query.duration,
    }),
    lastHash: t.string({
      nullable: true,
      description: 'Fingerprint of the latest successful result; changes only when the result does.',
      resolve: (r) => r.query.lastHash || null,
    }),
    lastError: t.field({
      description: "The latest failed run's error; null when the latest run succeeded.",
      type: QueryError,
      nullable: true,
      resolve: (r) => r.query.lastErrorDetails ?? null,
    }),
    metrics: t.field({
      description: 'Runs, failures, durations and sizes so far.',
      type: RegisteredQueryMetrics,
      resolve: (r) => r.query.metrics,
    }),
    createdAt: t.field({ description: 'When it was registered.', type: DateTime, resolve: (r) => r.query.createdAt }),
    completedAt: t.field({
      description: 'When it stopped running (cancelled or completed).',
      type: DateTime,
      nullable: true,
      resolve: (r) => r.query.completedAt ?? null,
    }),
    result: t.field({
      type: RegisteredQueryResult,
      nullable: true,
      description: 'The latest result, decoded; null before the first successful run.',
      resolve: async (r, _args, ctx) => {
        if (!r.query.lastHash) return null;
        try {
          return await ctx.halo.readRegisteredQueryResult(r.siteId, r.query.id);
        } catch (err) {
          if (isHaloApiError(err) && err.code === 'NOT_FOUND') return null;
          throw toApiError(err);
        }
      },
    }),
  }),
});

const CreateRegisteredQueryInput = builder.inputType('CreateRegisteredQueryInput', {
  description: 'A query for Halo Link to run on the practice server every frequencySeconds for durationSeconds.',
  fields: (t) => ({
    siteId: t.id({ required: true, description: 'The Halo GUID of the site.' }),
    name: t.string({ required: true, description: 'Your label for it.' }),
    ...commandInputFields(t),
    frequencySeconds: t.int({ required: true, description: 'Seconds between runs: at least 60.' }),
    durationSeconds: t.int({ required: true, description: 'Seconds to keep running: 1 to 86,400.' }),
    idempotencyKey: t.string({
      description:
        'Any 1–128 printable ASCII characters you choose per intent. The same key from the same client within 24 hours returns the first registered query (or waits for it while it is being created) instead of registering a second one that would run, and bill, on its own schedule. The same key with different input is BAD_USER_INPUT.',
    }),
  }),
});

builder.queryFields((t) => ({
  registeredQuery: t.field({
    type: RegisteredQuery,
    nullable: true,
    description: 'A registered query by id, with its latest result (result).',
    args: {
      siteId: t.arg.id({ required: true, description: 'The Halo GUID of the site.' }),
      id: t.arg.id({ required: true, description: "The registered query's Halo GUID." }),
    },
    resolve: (_root, args) => siteScopedKey(requireGuid(args.siteId, 'siteId'), requireGuid(args.id, 'id')),
  }),
}));

builder.mutationFields((t) => ({
  createRegisteredQuery: t.field({
    type: RegisteredQuery,
    description:
      'Registers a query Halo Link runs every frequencySeconds for durationSeconds, and returns it. Watch its results with registeredQueryResultChanged.',
    args: {
      input: t.arg({ type: CreateRegisteredQueryInput, required: true, description: 'What to run, and how often.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const siteId = requireGuid(input.siteId, 'siteId');
      if (input.name.trim() === '') throw badUserInput('name must not be empty.');
      if (input.sql.trim() === '') throw badUserInput('sql must not be empty.');
      if (input.frequencySeconds < 60) throw badUserInput('frequencySeconds must be at least 60.');
      if (input.durationSeconds < 1 || input.durationSeconds > 86_400)
        throw badUserInput('durationSeconds must be between 1 and 86,400.');
      const executionMode = input.executionMode ?? 'reader';
      const parameters = toCommandParameters(input.parameters);
      const request = {
        name: input.name,
        registeredQueryType: 'query' as const,
        frequency: input.frequencySeconds,
        duration: input.durationSeconds,
        registerCommand: {
          command: {
            text: input.sql,
            executionMode,
            type: input.commandType ?? 'text',
            ...(parameters ? { parameters } : {}),
          },
        },
      };
      // The key covers the creation only: the registered query is read afterwards, every time.
      const { id } = await ctx.idempotent(input.idempotencyKey, ['createRegisteredQuery', siteId, request], {
        create: async (halo) => ({ siteId, id: (await upstream(halo.createRegisteredQuery(siteId, request))).id }),
        remember: (ref) => ref,
        replay: async (ref) => ref,
        settle: async (sentAt, halo) => {
          const found = await halo.findCreatedRegisteredQuery(siteId, request, sentAt).catch(() => undefined);
          return found === undefined ? undefined : { siteId, id: found };
        },
      });
      return { siteId, query: await upstream(ctx.halo.getRegisteredQuery(siteId, id)) };
    },
  }),
  cancelRegisteredQuery: t.field({
    type: RegisteredQuery,
    description:
      'Stops a registered query and returns it (CANCELLED); its latest result stays readable. Cancelling one that has stopped changes nothing.',
    args: {
      siteId: t.arg.id({ required: true, description: 'The Halo GUID of the site.' }),
      id: t.arg.id({ required: true, description: "The registered query's Halo GUID." }),
    },
    resolve: async (_root, args, ctx) => {
      const siteId = requireGuid(args.siteId, 'siteId');
      const id = requireGuid(args.id, 'id');
      await upstream(ctx.halo.cancelRegisteredQuery(siteId, id));
      return { siteId, query: await upstream(ctx.halo.getRegisteredQuery(siteId, id)) };
    },
  }),
}));
