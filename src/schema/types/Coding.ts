import type { Coding as FhirCoding } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';

export const Coding = builder.objectRef<FhirCoding>('Coding');

Coding.implement({
  description: 'FHIR R4 Coding: a code defined by a terminology system.',
  fields: (t) => ({
    ...elementFields(t),
    system: t.exposeString('system', { description: 'Identity of the terminology system (a URI).', nullable: true }),
    version: t.exposeString('version', { description: 'Version of the system, if relevant.', nullable: true }),
    code: t.exposeString('code', { description: 'Symbol in syntax defined by the system.', nullable: true }),
    display: t.exposeString('display', { description: 'Representation defined by the system.', nullable: true }),
    userSelected: t.exposeBoolean('userSelected', {
      description: 'If this coding was chosen directly by the user.',
      nullable: true,
    }),
  }),
});
