import type { Element as FhirElement } from 'fhir/r4.js';
import { builder } from '../builder.js';
import {
  DEPRECATED_ID_DESCRIPTION,
  DEPRECATED_ID_REASON,
  ELEMENT_ID_DESCRIPTION,
  EXTENSION_DESCRIPTION,
} from '../fhir-element.js';
import { Extension } from './Extension.js';

/** The extensions on a primitive value, e.g. `_birthDate` (FHIR JSON's `_field` convention). */
export const Element = builder.objectRef<FhirElement>('Element');

Element.implement({
  description: 'FHIR Element: the id and extensions of a primitive value, as FHIR JSON carries them in `_<field>`.',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    extension: t.expose('extension', { description: EXTENSION_DESCRIPTION, type: [Extension], nullable: true }),
  }),
});
