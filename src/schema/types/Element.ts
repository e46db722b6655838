import type { Element as FhirElement, Extension as FhirExtension } from 'fhir/r4.js';
import { builder, type SchemaTypes } from '../builder.js';
import {
  DEPRECATED_ID_DESCRIPTION,
  DEPRECATED_ID_REASON,
  ELEMENT_ID_DESCRIPTION,
  EXTENSION_DESCRIPTION,
} from '../fhir-element.js';
import { Extension } from './Extension.js';

type FieldBuilder<Shape> = PothosSchemaTypes.ObjectFieldBuilder<
  PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>,
  Shape
>;

/** `elementId` (FHIR's Element.id) and the deprecated, always-null `id` every FHIR datatype carries (see ../fhir-element.ts). */
export function elementIdFields<Shape extends { id?: string | undefined }>(t: FieldBuilder<Shape>) {
  return {
    elementId: t.string({ nullable: true, description: ELEMENT_ID_DESCRIPTION, resolve: (e) => e.id ?? null }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
  };
}

/** The fields FHIR's Element gives every datatype and backbone element: its ids and `extension`. */
export function elementFields<Shape extends { id?: string | undefined; extension?: FhirExtension[] | undefined }>(
  t: FieldBuilder<Shape>,
) {
  return {
    ...elementIdFields(t),
    extension: t.field({
      type: [Extension],
      nullable: true,
      description: EXTENSION_DESCRIPTION,
      resolve: (e) => e.extension ?? null,
    }),
  };
}

/** The extensions on a primitive value, e.g. `_birthDate` (FHIR JSON's `_field` convention). */
export const Element = builder.objectRef<FhirElement>('Element');

Element.implement({
  description: 'FHIR Element: the id and extensions of a primitive value, as FHIR JSON carries them in `_<field>`.',
  fields: (t) => elementFields(t),
});
