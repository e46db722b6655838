import type { PatientCommunication as FhirPatientCommunication } from 'fhir/r4.js';
import { builder } from '../builder.js';
import {
  DEPRECATED_ID_DESCRIPTION,
  DEPRECATED_ID_REASON,
  ELEMENT_ID_DESCRIPTION,
  EXTENSION_DESCRIPTION,
  MODIFIER_EXTENSION_DESCRIPTION,
} from '../fhir-element.js';
import { CodeableConcept } from './CodeableConcept.js';
import { Extension } from './Extension.js';

export const PatientCommunication = builder.objectRef<FhirPatientCommunication>('PatientCommunication');

PatientCommunication.implement({
  description: 'FHIR R4 Patient.communication: a language the patient speaks (`preferred` for the one to use).',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    extension: t.expose('extension', { description: EXTENSION_DESCRIPTION, type: [Extension], nullable: true }),
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
