import type { PatientCommunication as FhirPatientCommunication } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { CodeableConcept } from './CodeableConcept.js';
import { Extension } from './Extension.js';

export const PatientCommunication = builder.objectRef<FhirPatientCommunication>('PatientCommunication');

PatientCommunication.implement({
  description: 'FHIR R4 Patient.communication: a language the patient speaks (`preferred` for the one to use).',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    modifierExtension: t.expose('modifierExtension', { type: [Extension], nullable: true }),
    language: t.expose('language', { type: CodeableConcept }),
    preferred: t.exposeBoolean('preferred', { nullable: true }),
  }),
});
