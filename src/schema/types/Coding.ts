import type { Coding as FhirCoding } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { DEPRECATED_ID_DESCRIPTION, DEPRECATED_ID_REASON, ELEMENT_ID_DESCRIPTION } from '../fhir-element.js';
import { Extension } from './Extension.js';

export const Coding = builder.objectRef<FhirCoding>('Coding');

Coding.implement({
  description: 'FHIR R4 Coding: a code defined by a terminology system.',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    system: t.exposeString('system', { nullable: true }),
    version: t.exposeString('version', { nullable: true }),
    code: t.exposeString('code', { nullable: true }),
    display: t.exposeString('display', { nullable: true }),
    userSelected: t.exposeBoolean('userSelected', { nullable: true }),
  }),
});
