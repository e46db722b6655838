import type { Coding as FhirCoding } from 'fhir/r4.js';
import { builder } from '../builder.js';
import {
  DEPRECATED_ID_DESCRIPTION,
  DEPRECATED_ID_REASON,
  ELEMENT_ID_DESCRIPTION,
  EXTENSION_DESCRIPTION,
} from '../fhir-element.js';
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
    extension: t.expose('extension', { description: EXTENSION_DESCRIPTION, type: [Extension], nullable: true }),
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
