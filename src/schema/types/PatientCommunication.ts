import type { PatientCommunication as FhirPatientCommunication } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';
import { MODIFIER_EXTENSION_DESCRIPTION } from '../fhir-element.js';
import { CodeableConcept } from './CodeableConcept.js';
import { Extension } from './Extension.js';

export const PatientCommunication = builder.objectRef<FhirPatientCommunication>('PatientCommunication');

PatientCommunication.implement({
  description: 'FHIR R4 Patient.communication: a language the patient speaks (`preferred` for the one to use).',
  fields: (t) => ({
    ...elementFields(t),
    modifierExtension: t.expose('modifierExtension', {
      description: MODIFIER_EXTENSION_DESCRIPTION,
      type: [Extension],
      nullable: true,
    }),
    language: t.expose('language', {
      description: 'The language which can be used to communicate with the patient about his or her health.',
      type: CodeableConcept,
    }),
    preferred: t.exposeBoolean('preferred', { description: 'Language preference indicator.', nullable: true }),
  }),
});
