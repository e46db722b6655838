import type { Reference as FhirReference } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';
import { Identifier } from './Identifier.js';

export const Reference = builder.objectRef<FhirReference>('Reference');

Reference.implement({
  description: 'FHIR R4 Reference to another resource, as given (not followed).',
  fields: (t) => ({
    ...elementFields(t),
    reference: t.exposeString('reference', {
      description: 'Literal reference: a relative, internal or absolute URL (e.g. Practitioner/12).',
      nullable: true,
    }),
    type: t.exposeString('type', {
      description: 'Type the reference refers to (e.g. "Practitioner").',
      nullable: true,
    }),
    identifier: t.expose('identifier', {
      description: 'Logical reference, when literal reference is not known.',
      type: Identifier,
      nullable: true,
    }),
    display: t.exposeString('display', { description: 'Text alternative for the resource.', nullable: true }),
  }),
});
