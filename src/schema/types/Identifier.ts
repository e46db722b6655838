import type { Identifier as FhirIdentifier } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';
import { CodeableConcept } from './CodeableConcept.js';
import { Period } from './Period.js';
import { Reference } from './Reference.js';

export const Identifier = builder.objectRef<FhirIdentifier>('Identifier');

Identifier.implement({
  description:
    'FHIR R4 Identifier, e.g. an IHI (system http://ns.electronichealth.net.au/id/hi/ihi/1.0) or a Medicare number.',
  fields: (t) => ({
    ...elementFields(t),
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
