// Writes schema.graphql from the code-first schema (the first step of `npm run codegen`).
import { writeFileSync } from 'node:fs';
import { SCHEMA_HEADER, printedSchema } from '../src/schema/print.js';

writeFileSync(new URL('../schema.graphql', import.meta.url), SCHEMA_HEADER + printedSchema());
