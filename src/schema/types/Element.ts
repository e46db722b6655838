import type { Element as FhirElement } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { Extension } from './Extension.js';

/** The extensions on a primitive value, e.g. `_birthDate` (FHIR JSON's `_field` convention). */
export const Element = builder.objectRef<FhirElement>('Element');

Element.implement({
  description: 'FHIR Element: the id and extensions of a primitive value, as FHIR JSON carries them in `_<field>`.',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
  }),
});
