import type { PatientContact as FhirPatientContact } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { DEPRECATED_ID_DESCRIPTION, DEPRECATED_ID_REASON, ELEMENT_ID_DESCRIPTION } from '../fhir-element.js';
import { Address } from './Address.js';
import { CodeableConcept } from './CodeableConcept.js';
import { ContactPoint } from './ContactPoint.js';
import { Extension } from './Extension.js';
import { HumanName } from './HumanName.js';
import { Period } from './Period.js';
import { Reference } from './Reference.js';

export const PatientContact = builder.objectRef<FhirPatientContact>('PatientContact');

PatientContact.implement({
  description: 'FHIR R4 Patient.contact: a guardian, next of kin, emergency contact etc.',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    modifierExtension: t.expose('modifierExtension', { type: [Extension], nullable: true }),
    relationship: t.expose('relationship', { type: [CodeableConcept], nullable: true }),
    name: t.expose('name', { type: HumanName, nullable: true }),
    telecom: t.expose('telecom', { type: [ContactPoint], nullable: true }),
    address: t.expose('address', { type: Address, nullable: true }),
    gender: t.exposeString('gender', { nullable: true }),
    organization: t.expose('organization', { type: Reference, nullable: true }),
    period: t.expose('period', { type: Period, nullable: true }),
  }),
});
