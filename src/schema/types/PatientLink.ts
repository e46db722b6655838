import type { PatientLink as FhirPatientLink } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { Extension } from './Extension.js';
import { Reference } from './Reference.js';

export const PatientLink = builder.objectRef<FhirPatientLink>('PatientLink');

PatientLink.implement({
  description:
    'FHIR R4 Patient.link: another record of the same person (`type`: replaced-by | replaces | refer | seealso).',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    modifierExtension: t.expose('modifierExtension', { type: [Extension], nullable: true }),
    other: t.expose('other', { type: Reference }),
    type: t.exposeString('type'),
  }),
});
