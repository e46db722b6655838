import type { Attachment as FhirAttachment } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { DEPRECATED_ID_DESCRIPTION, DEPRECATED_ID_REASON, ELEMENT_ID_DESCRIPTION } from '../fhir-element.js';
import { Extension } from './Extension.js';

export const Attachment = builder.objectRef<FhirAttachment>('Attachment');

Attachment.implement({
  description: 'FHIR R4 Attachment (e.g. a patient photo): inline base64 `data` or a `url`.',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    contentType: t.exposeString('contentType', { nullable: true }),
    language: t.exposeString('language', { nullable: true }),
    data: t.exposeString('data', { nullable: true }),
    url: t.exposeString('url', { nullable: true }),
    size: t.exposeInt('size', { nullable: true }),
    hash: t.exposeString('hash', { nullable: true }),
    title: t.exposeString('title', { nullable: true }),
    creation: t.exposeString('creation', { nullable: true }),
  }),
});
