import type { PatientContact as FhirPatientContact } from 'fhir/r4.js';
import { builder } from '../builder.js';
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
    id: t.exposeString('id', { nullable: true }),
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
