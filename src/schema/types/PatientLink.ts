import type { PatientLink as FhirPatientLink } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';
import { MODIFIER_EXTENSION_DESCRIPTION } from '../fhir-element.js';
import { Extension } from './Extension.js';
import { Reference } from './Reference.js';

export const PatientLink = builder.objectRef<FhirPatientLink>('PatientLink');

PatientLink.implement({
  description:
    'FHIR R4 Patient.link: another record of the same person (`type`: replaced-by | replaces | refer | seealso).',
  fields: (t) => ({
    ...elementFields(t),
    modifierExtension: t.expose('modifierExtension', {
      description: MODIFIER_EXTENSION_DESCRIPTION,
      type: [Extension],
      nullable: true,
    }),
    other: t.expose('other', {
      description: 'The other patient or related person resource that the link refers to.',
      type: Reference,
    }),
    type: t.exposeString('type', { description: 'replaced-by | replaces | refer | seealso' }),
  }),
});
