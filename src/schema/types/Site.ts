import { toInstant } from '../../lib/instant.js';
import { builder } from '../builder.js';
import { badUserInput, toApiError, upstream } from '../../errors/api-errors.js';
import { PracticeManagementSystem, SiteAvailability, SiteStatus } from '../enums.js';
import { requireGuid } from '../ids.js';
import { DateTime } from '../scalars.js';
import { Catalogue } from './Catalogue.js';
import { RegisteredQuery } from './RegisteredQuery.js';
import { PMS_NAMES } from '../../datasources/sites.js';

export const Site = builder.loadableObject('Site', {
  description: 'A practice database that Halo Link connects to, identified by its Halo GUID.',
  // Halo has no batch read for sites: one getSite per distinct id (the loader dedupes).
  load: (ids: string[], ctx) =>
    Promise.all(ids.map((id) => ctx.halo.getSite(id).catch((err: unknown) => toApiError(err)))),
  cacheResolved: (s) => s.id ?? '',
  fields: (t) => ({
    id: t.id({ description: "The site's Halo GUID.", resolve: (s) => s.id ?? '' }),
    pmsType: t.field({
      description: 'The practice management system on this server.',
      type: PracticeManagementSystem,
      resolve: (s) => s.pmsType ?? s.practiceMetadata?.pmsType ?? 'BestPractice',
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
    resolve: (_root, args) => requireGuid(args.id, 'id'),
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
