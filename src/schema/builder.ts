import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import type { Context } from '../request/context.js';

/** The schema's type parameters. */
export type SchemaTypes = {
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string };
    DateTime: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
    FhirDate: { Input: string; Output: string };
    Date: { Input: string; Output: string };
    LocalTime: { Input: string; Output: string };
    LocalDateTime: { Input: string; Output: string };
  };
};

/** Plugin order and the schema's type parameters. Types are defined in ./types/, one per file. */
export const builder = new SchemaBuilder<SchemaTypes>({
  plugins: [DataloaderPlugin],
  defaultFieldNullability: false,
});

builder.queryType({
  description:
    'Reads: sites, SQL queries by id, registered queries, FHIR patients, and any Node by its id. Operations are sent with POST.',
});
builder.mutationType({
  description:
    'Everything that sends work to a practice: SQL queries (immediate and async), registered queries, pairing. Each creation is a billed Halo call.',
});
builder.subscriptionType({
  description:
    'Live updates over graphql-ws (graphql-transport-ws on /graphql) or Server-Sent Events (POST with Accept: text/event-stream).',
});
