import type { Identifier as FhirIdentifier } from 'fhir/r4.js';
import { builder } from '../builder.js';
import {
  DEPRECATED_ID_DESCRIPTION,
  DEPRECATED_ID_REASON,
  ELEMENT_ID_DESCRIPTION,
  EXTENSION_DESCRIPTION,
} from '../fhir-element.js';
import { CodeableConcept } from './CodeableConcept.js';
import { Extension } from './Extension.js';
import { Period } from './Period.js';
import { Reference } from './Reference.js';

export const Identifier = builder.objectRef<FhirIdentifier>('Identifier');

Identifier.implement({
  description:
    'FHIR R4 Identifier, e.g. an IHI (system http://ns.electronichealth.net.au/id/hi/ihi/1.0) or a Medicare number.',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    extension: t.expose('extension', { description: EXTENSION_DESCRIPTION, type: [Extension], nullable: true }),
    use: t.exposeString('use', {
      description: 'usual | official | temp | secondary | old (if known).',
      nullable: true,
    }),
    type: t.expose('type', {
      description: 'Description of identifier (AU Base: e.g. NI for an IHI, MC for Medicare).',
      type: CodeableConcept,
      nullable: true,
    }),
    system: t.exposeString('system', {
      description: 'The namespace for the identifier value (a URI).',
      nullable: true,
    }),
    value: t.exposeString('value', { description: 'The value that is unique within the system.', nullable: true }),
    period: t.expose('period', {
      description: 'Time period when id is/was valid for use (a Medicare card: its expiry is period.end).',
      type: Period,
      nullable: true,
    }),
    assigner: t.expose('assigner', {
      description: 'Organization that issued id (may be just text).',
      type: Reference,
      nullable: true,
    }),
  }),
});
