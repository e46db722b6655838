import type { Coding as FhirCoding } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { Extension } from './Extension.js';

export const Coding = builder.objectRef<FhirCoding>('Coding');

Coding.implement({
  description: 'FHIR R4 Coding: a code defined by a terminology system.',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    system: t.exposeString('system', { nullable: true }),
    version: t.exposeString('version', { nullable: true }),
    code: t.exposeString('code', { nullable: true }),
    display: t.exposeString('display', { nullable: true }),
    userSelected: t.exposeBoolean('userSelected', { nullable: true }),
  }),
});
