import type { Identifier as FhirIdentifier } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { CodeableConcept } from './CodeableConcept.js';
import { Extension } from './Extension.js';
import { Period } from './Period.js';
import { Reference } from './Reference.js';

export const Identifier = builder.objectRef<FhirIdentifier>('Identifier');

Identifier.implement({
  description:
    'FHIR R4 Identifier, e.g. an IHI (system http://ns.electronichealth.net.au/id/hi/ihi/1.0) or a Medicare number.',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    use: t.exposeString('use', { nullable: true }),
    type: t.expose('type', { type: CodeableConcept, nullable: true }),
    system: t.exposeString('system', { nullable: true }),
    value: t.exposeString('value', { nullable: true }),
    period: t.expose('period', { type: Period, nullable: true }),
    assigner: t.expose('assigner', { type: Reference, nullable: true }),
  }),
});
