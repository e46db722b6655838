import type { Identifier as FhirIdentifier } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { DEPRECATED_ID_DESCRIPTION, DEPRECATED_ID_REASON, ELEMENT_ID_DESCRIPTION } from '../fhir-element.js';
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
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    use: t.exposeString('use', { nullable: true }),
    type: t.expose('type', { type: CodeableConcept, nullable: true }),
    system: t.exposeString('system', { nullable: true }),
    value: t.exposeString('value', { nullable: true }),
    period: t.expose('period', { type: Period, nullable: true }),
    assigner: t.expose('assigner', { type: Reference, nullable: true }),
  }),
});
