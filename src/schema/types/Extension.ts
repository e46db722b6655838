import type { Extension as FhirExtension } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementIdFields } from './Element.js';
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
    ...elementIdFields(t),
    url: t.exposeString('url', { description: 'Identifies the meaning of the extension (a canonical URL).' }),
    extension: t.expose('extension', {
      type: [Extension],
      nullable: true,
      description: 'Nested extensions (a complex extension has these instead of a value).',
    }),
    valueBase64Binary: t.exposeString('valueBase64Binary', {
      description: 'Value of extension, when it is a FHIR base64Binary.',
      nullable: true,
    }),
    valueBoolean: t.exposeBoolean('valueBoolean', {
      description: 'Value of extension, when it is a FHIR boolean.',
      nullable: true,
    }),
    valueCanonical: t.exposeString('valueCanonical', {
      description: 'Value of extension, when it is a FHIR canonical.',
      nullable: true,
    }),
    valueCode: t.exposeString('valueCode', {
      description: 'Value of extension, when it is a FHIR code.',
      nullable: true,
    }),
    valueDate: t.expose('valueDate', {
      description: 'Value of extension, when it is a FHIR date.',
      type: FhirDate,
      nullable: true,
    }),
    valueDateTime: t.exposeString('valueDateTime', {
      description: 'Value of extension, when it is a FHIR dateTime.',
      nullable: true,
    }),
    valueDecimal: t.exposeFloat('valueDecimal', {
      description: 'Value of extension, when it is a FHIR decimal.',
      nullable: true,
    }),
    valueId: t.exposeString('valueId', { description: 'Value of extension, when it is a FHIR id.', nullable: true }),
    valueInstant: t.exposeString('valueInstant', {
      description: 'Value of extension, when it is a FHIR instant.',
      nullable: true,
    }),
    valueInteger: t.exposeInt('valueInteger', {
      description: 'Value of extension, when it is a FHIR integer.',
      nullable: true,
    }),
    valueMarkdown: t.exposeString('valueMarkdown', {
      description: 'Value of extension, when it is a FHIR markdown.',
      nullable: true,
    }),
    valueOid: t.exposeString('valueOid', { description: 'Value of extension, when it is a FHIR oid.', nullable: true }),
    valuePositiveInt: t.exposeInt('valuePositiveInt', {
      description: 'Value of extension, when it is a FHIR positiveInt.',
      nullable: true,
    }),
    valueString: t.exposeString('valueString', {
      description: 'Value of extension, when it is a FHIR string.',
      nullable: true,
    }),
    valueTime: t.exposeString('valueTime', {
      description: 'Value of extension, when it is a FHIR time.',
      nullable: true,
    }),
    valueUnsignedInt: t.exposeInt('valueUnsignedInt', {
      description: 'Value of extension, when it is a FHIR unsignedInt.',
      nullable: true,
    }),
    valueUri: t.exposeString('valueUri', { description: 'Value of extension, when it is a FHIR uri.', nullable: true }),
    valueUrl: t.exposeString('valueUrl', { description: 'Value of extension, when it is a FHIR url.', nullable: true }),
    valueUuid: t.exposeString('valueUuid', {
      description: 'Value of extension, when it is a FHIR uuid.',
      nullable: true,
    }),
    valueAddress: t.expose('valueAddress', {
      description: 'Value of extension, when it is a FHIR Address.',
      type: Address,
      nullable: true,
    }),
    valueAttachment: t.expose('valueAttachment', {
      description: 'Value of extension, when it is a FHIR Attachment.',
      type: Attachment,
      nullable: true,
    }),
    valueCodeableConcept: t.expose('valueCodeableConcept', {
      description: 'Value of extension, when it is a FHIR CodeableConcept.',
      type: CodeableConcept,
      nullable: true,
    }),
    valueCoding: t.expose('valueCoding', {
      description: 'Value of extension, when it is a FHIR Coding.',
      type: Coding,
      nullable: true,
    }),
    valueContactPoint: t.expose('valueContactPoint', {
      description: 'Value of extension, when it is a FHIR ContactPoint.',
      type: ContactPoint,
      nullable: true,
    }),
    valueHumanName: t.expose('valueHumanName', {
      description: 'Value of extension, when it is a FHIR HumanName.',
      type: HumanName,
      nullable: true,
    }),
    valueIdentifier: t.expose('valueIdentifier', {
      description: 'Value of extension, when it is a FHIR Identifier.',
      type: Identifier,
      nullable: true,
    }),
    valuePeriod: t.expose('valuePeriod', {
      description: 'Value of extension, when it is a FHIR Period.',
      type: Period,
      nullable: true,
    }),
    valueQuantity: t.expose('valueQuantity', {
      description: 'Value of extension, when it is a FHIR Quantity.',
      type: Quantity,
      nullable: true,
    }),
    valueReference: t.expose('valueReference', {
      description: 'Value of extension, when it is a FHIR Reference.',
      type: Reference,
      nullable: true,
    }),
  }),
});
