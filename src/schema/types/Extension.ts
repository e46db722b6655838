import type { Extension as FhirExtension } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { DEPRECATED_ID_DESCRIPTION, DEPRECATED_ID_REASON, ELEMENT_ID_DESCRIPTION } from '../fhir-element.js';
import { FhirDate } from '../scalars.js';
import { Address } from './Address.js';
import { Attachment } from './Attachment.js';
import { CodeableConcept } from './CodeableConcept.js';
import { Coding } from './Coding.js';
import { ContactPoint } from './ContactPoint.js';
import { HumanName } from './HumanName.js';
import { Identifier } from './Identifier.js';
import { Period } from './Period.js';
import { Quantity } from './Quantity.js';
import { Reference } from './Reference.js';

/**
 * FHIR R4 Extension, generically (url + value[x] + nested extensions), so every generation of AU
 * extensions passes through. Not modelled value[x] types (none is used by AU Base/AU Core Patient):
 * Age, Annotation, Count, Distance, Duration, Money, Range, Ratio, SampledData, Signature, Timing,
 * ContactDetail, Contributor, DataRequirement, Expression, ParameterDefinition, RelatedArtifact,
 * TriggerDefinition, UsageContext, Dosage, Meta.
 */
export const Extension = builder.objectRef<FhirExtension>('Extension');

Extension.implement({
  description:
    'FHIR R4 Extension: `url` names it; at most one value[x] field is set, or nested `extension`s (complex extensions).',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    url: t.exposeString('url'),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    valueBase64Binary: t.exposeString('valueBase64Binary', { nullable: true }),
    valueBoolean: t.exposeBoolean('valueBoolean', { nullable: true }),
    valueCanonical: t.exposeString('valueCanonical', { nullable: true }),
    valueCode: t.exposeString('valueCode', { nullable: true }),
    valueDate: t.expose('valueDate', { type: FhirDate, nullable: true }),
    valueDateTime: t.exposeString('valueDateTime', { nullable: true }),
    valueDecimal: t.exposeFloat('valueDecimal', { nullable: true }),
    valueId: t.exposeString('valueId', { nullable: true }),
    valueInstant: t.exposeString('valueInstant', { nullable: true }),
    valueInteger: t.exposeInt('valueInteger', { nullable: true }),
    valueMarkdown: t.exposeString('valueMarkdown', { nullable: true }),
    valueOid: t.exposeString('valueOid', { nullable: true }),
    valuePositiveInt: t.exposeInt('valuePositiveInt', { nullable: true }),
    valueString: t.exposeString('valueString', { nullable: true }),
    valueTime: t.exposeString('valueTime', { nullable: true }),
    valueUnsignedInt: t.exposeInt('valueUnsignedInt', { nullable: true }),
    valueUri: t.exposeString('valueUri', { nullable: true }),
    valueUrl: t.exposeString('valueUrl', { nullable: true }),
    valueUuid: t.exposeString('valueUuid', { nullable: true }),
    valueAddress: t.expose('valueAddress', { type: Address, nullable: true }),
    valueAttachment: t.expose('valueAttachment', { type: Attachment, nullable: true }),
    valueCodeableConcept: t.expose('valueCodeableConcept', { type: CodeableConcept, nullable: true }),
    valueCoding: t.expose('valueCoding', { type: Coding, nullable: true }),
    valueContactPoint: t.expose('valueContactPoint', { type: ContactPoint, nullable: true }),
    valueHumanName: t.expose('valueHumanName', { type: HumanName, nullable: true }),
    valueIdentifier: t.expose('valueIdentifier', { type: Identifier, nullable: true }),
    valuePeriod: t.expose('valuePeriod', { type: Period, nullable: true }),
    valueQuantity: t.expose('valueQuantity', { type: Quantity, nullable: true }),
    valueReference: t.expose('valueReference', { type: Reference, nullable: true }),
  }),
});
