import type { PatientContact as FhirPatientContact } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';
import { MODIFIER_EXTENSION_DESCRIPTION } from '../fhir-element.js';
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
    ...elementFields(t),
    modifierExtension: t.expose('modifierExtension', {
      description: MODIFIER_EXTENSION_DESCRIPTION,
      type: [Extension],
      nullable: true,
    }),
    relationship: t.expose('relationship', {
      description: 'The kind of relationship (e.g. next of kin, emergency contact).',
      type: [CodeableConcept],
      nullable: true,
    }),
    name: t.expose('name', {
      description: 'A name associated with the contact person.',
      type: HumanName,
      nullable: true,
    }),
    telecom: t.expose('telecom', {
      description: 'A contact detail for the person.',
      type: [ContactPoint],
      nullable: true,
    }),
    address: t.expose('address', { description: 'Address for the contact person.', type: Address, nullable: true }),
    gender: t.exposeString('gender', { description: 'male | female | other | unknown', nullable: true }),
    organization: t.expose('organization', {
      description: 'Organization that is associated with the contact.',
      type: Reference,
      nullable: true,
    }),
    period: t.expose('period', {
      description:
        'The period during which this contact person or organization is valid to be contacted relating to this patient.',
      type: Period,
      nullable: true,
    }),
  }),
});
