import type { FieldNode, GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { toInstant } from '../../lib/instant.js';
import { builder } from '../builder.js';
import { badUserInput, toApiError, upstream } from '../../errors/api-errors.js';
import { PracticeManagementSystem, SiteAvailability, SiteStatus } from '../enums.js';
import { requireGuid } from '../ids.js';
import { everyField, isNamedQueryField } from '../selections.js';
import { DateTime } from '../scalars.js';
import { Catalogue } from './Catalogue.js';
import { RegisteredQuery } from './RegisteredQuery.js';
import { SiteUsage } from './SiteUsage.js';
import { PMS_NAMES } from '../../datasources/sites.js';
import type { PmsType, SiteForIntegrator } from '../../datasources/types.js';
import type { Context } from '../../request/context.js';

/** The site's PMS as Halo reports it (Best Practice when Halo does not say): what `Site.pmsType` shows and named queries use. */
export const pmsTypeOf = (s: SiteForIntegrator): PmsType => s.pmsType ?? s.practiceMetadata?.pmsType ?? 'BestPractice';

/** Most sites one `sitesByIds` may name. */
const MAX_SITES_BY_IDS = 100;

/** Marks a site known only by its id and PMS (see `siteOrStub`). */
const STUB = Symbol('site known by id and PMS only');
type SiteStub = SiteForIntegrator & { [STUB]: true };
/** Fields answered from a site's id and PMS alone (named queries are the fields marked `haloCall`). */
const STUB_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'pmsType', 'registeredQueries', 'usage']);

/**
 * Whether the selection on the site is named queries, and otherwise only fields answered from its
 * id and PMS alone. (A selection without a named query reads the site as always: `site(id) { id }`
 * still tells whether it exists.)
 */
function selectsNamedQueriesOnly(info: GraphQLResolveInfo): boolean {
  const fields = (info.schema.getType('Site') as GraphQLObjectType).getFields();
  let named = false;
  const answerable = (field: FieldNode): boolean => {
    if (isNamedQueryField(fields[field.name.value])) return (named = true);
    return STUB_FIELDS.has(field.name.value);
  };
  return (
    info.fieldNodes.every((node) => !node.selectionSet || everyField(node.selectionSet, info.fragments, answerable)) &&
    named
  );
}

/**
 * The site to resolve: its id (the loader reads it from Halo), or, when the selection is named
 * queries needing only its id and PMS (`site(id) { appointments(…) }`) and its PMS is known from
 * an earlier read, a stub holding just those, which saves the read. An invisible site is always
 * read, and refused.
 */
function siteOrStub(id: string, ctx: Context, info: GraphQLResolveInfo): string | SiteStub {
  const pmsType = ctx.halo.knownPmsType(id);
  return pmsType !== undefined && selectsNamedQueriesOnly(info) ? { id, pmsType, [STUB]: true } : id;
}

export const Site = builder.loadableObject('Site', {
  description: 'A practice database that Halo Link connects to, identified by its Halo GUID.',
  // Halo has no batch read for sites: one getSite per distinct id (the loader dedupes).
  load: (ids: string[], ctx) =>
    Promise.all(ids.map((id) => ctx.halo.getSite(id).catch((err: unknown) => toApiError(err)))),
  // A stub must never stand in for the full site another selection of the operation loads.
  cacheResolved: (s) => (STUB in s ? `stub:${s.id ?? ''}` : (s.id ?? '')),
  fields: (t) => ({
    id: t.id({ description: "The site's Halo GUID.", resolve: (s) => s.id ?? '' }),
    pmsType: t.field({
      description: 'The practice management system on this server.',
      type: PracticeManagementSystem,
      resolve: pmsTypeOf,
    }),
    availability: t.field({
      description: 'Whether Halo can reach the server now.',
      type: SiteAvailability,
      resolve: (s) => s.availability ?? 'unreachable',
    }),
    status: t.field({
      description: "The site's state in Halo.",
      type: SiteStatus,
      resolve: (s) => s.status ?? 'initialising',
    }),
    practiceName: t.string({
      description: "The practice's name.",
      nullable: true,
      resolve: (s) => s.practiceMetadata?.practiceName ?? s.name ?? null,
    }),
    pmsSiteId: t.string({
      description:
        'The id the practice management system gives the practice: Bp Site ID, Zedmed Database ID or D4w CRN.',
      nullable: true,
      resolve: (s) => s.practiceMetadata?.practiceManagementSiteId ?? s.practiceManagementSiteId ?? null,
    }),
    pmsVersion: t.string({
      description: 'Version of the practice management system.',
      nullable: true,
      resolve: (s) => s.practiceMetadata?.practiceManagementVersion ?? s.practiceManagementVersion ?? null,
    }),
    haloLinkVersion: t.string({
      description: 'Version of Halo Link on the practice server.',
      nullable: true,
      resolve: (s) => s.haloLinkVersion ?? null,
    }),
    authoritative: t.boolean({
      nullable: true,
      description: 'Whether queries for this practice are routed to this server.',
      resolve: (s) => s.authoritative ?? null,
    }),
    catalogues: t.field({
      description: 'The databases on the server that queries can name (RunQueryInput.catalogue).',
      type: [Catalogue],
      resolve: (s) => s.catalogue ?? [],
    }),
    enrichedAt: t.field({
      description: 'When Halo last refreshed the practice metadata.',
      type: DateTime,
      nullable: true,
      resolve: (s) => toInstant(s.enrichedAt) ?? null,
    }),
    heartbeatAt: t.field({
      description: 'When Halo Link last reported in (it does about every 15 seconds while online).',
      type: DateTime,
      nullable: true,
      resolve: (s) => toInstant(s.heartbeatTimestampUTC) ?? null,
    }),
    usage: t.field({
      type: SiteUsage,
      description:
        'The billed Halo queries this deployment sent to this site in the current UTC month, and what is left of its budget (SITE_MONTHLY_QUERY_BUDGET). No Halo call.',
      resolve: (s, _args, ctx) => upstream(ctx.halo.siteUsage(s.id ?? '')),
    }),
    registeredQueries: t.field({
      type: [RegisteredQuery],
      // Nullable: one site whose list cannot be read (Halo refuses a backup server) must not null
      // out the other sites of a `sites` answer, nor the site itself.
      nullable: true,
      description: "The site's registered queries (finished ones included); null when Halo would not list them.",
      resolve: async (s, _args, ctx) => {
        const { registeredQueries = [] } = await upstream(ctx.halo.getRegisteredQueries(s.id ?? ''));
        return registeredQueries.map((query) => ({ siteId: s.id ?? '', query }));
      },
    }),
  }),
});

const PairSiteInput = builder.inputType('PairSiteInput', {
  description: 'The practice to pair with this integrator.',
  fields: (t) => ({
    pmsSiteId: t.string({ required: true, description: 'The Bp Site ID, Zedmed Database ID or D4w CRN.' }),
    pms: t.field({ type: PracticeManagementSystem, required: true, description: 'The practice management system.' }),
    pairingCode: t.string({ description: 'Required for Best Practice: the code the practice generated.' }),
  }),
});

builder.queryFields((t) => ({
  site: t.field({
    type: Site,
    nullable: true,
    description: 'A site by its Halo GUID. SITE_NOT_FOUND when Halo does not know it, or this client may not see it.',
    args: { id: t.arg.id({ required: true, description: 'The Halo GUID.' }) },
    resolve: (_root, args, ctx, info) => siteOrStub(requireGuid(args.id, 'id'), ctx, info),
  }),
  sitesByIds: t.field({
    type: [Site],
    nullable: { list: false, items: true },
    description:
      "Several practices in one operation, in the order given: fan a named query out across them (`sitesByIds(ids: […]) { practiceName appointments(…) { … } }`). An unknown or hidden id is null at its position with SITE_NOT_FOUND for that path; a practice that is offline fails only its own fields (SITE_UNAVAILABLE); each practice's calls run under its own concurrency limit. With @stream each site is sent as soon as it (and those before it) answered.",
    args: {
      ids: t.arg.idList({
        required: true,
        description: `Halo GUIDs, at most ${MAX_SITES_BY_IDS}; a repeated id is loaded once.`,
      }),
    },
    resolve: (_root, args, ctx, info) => {
      if (args.ids.length > MAX_SITES_BY_IDS) throw badUserInput(`ids may name at most ${MAX_SITES_BY_IDS} sites.`);
      return args.ids.map((id) => requireGuid(id, 'ids')).map((id) => siteOrStub(id, ctx, info));
    },
  }),
  sites: t.field({
    type: [Site],
    description:
      'The sites Halo knows for a practice management system id (several when a practice has backup servers).',
    args: {
      pmsSiteId: t.arg.string({
        required: true,
        description: 'The Bp Site ID, Zedmed Database ID or D4w CRN, 1 to 64 characters.',
      }),
      pms: t.arg({ type: PracticeManagementSystem, required: true, description: 'The practice management system.' }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.pmsSiteId.trim() === '' || args.pmsSiteId.length > 64)
        throw badUserInput('pmsSiteId must be 1 to 64 characters.');
      const { sites = [] } = await upstream(
        ctx.halo.getSites({ practiceManagementSiteId: args.pmsSiteId, practiceManagementName: PMS_NAMES[args.pms] }),
      );
      return sites;
    },
  }),
}));

builder.mutationFields((t) => ({
  pairSite: t.field({
    type: Site,
    description: 'Pairs this integrator with a practice (Best Practice needs the pairing code the practice generated).',
    args: { input: t.arg({ type: PairSiteInput, required: true, description: 'The practice to pair.' }) },
    resolve: async (_root, { input }, ctx) => {
      if (input.pmsSiteId.trim() === '' || input.pmsSiteId.length > 64)
        throw badUserInput('pmsSiteId must be 1 to 64 characters.');
      if (input.pms === 'BestPractice' && !input.pairingCode)
        throw badUserInput('pairingCode is required for Best Practice.');
      return upstream(
        ctx.halo.integratorPairSite({
          practiceManagementSiteId: input.pmsSiteId,
          practiceManagementName: PMS_NAMES[input.pms],
          ...(input.pairingCode ? { pairingCode: input.pairingCode } : {}),
        }),
      );
    },
  }),
}));
