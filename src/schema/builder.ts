import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import type { Context } from '../request/context.js';

/** Plugin order and the schema's type parameters. Types are defined in ./types/, one per file. */
export const builder = new SchemaBuilder<{
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
}>({
  plugins: [DataloaderPlugin],
  defaultFieldNullability: false,
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
