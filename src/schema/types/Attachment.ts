import type { Attachment as FhirAttachment } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { Extension } from './Extension.js';

export const Attachment = builder.objectRef<FhirAttachment>('Attachment');

Attachment.implement({
  description: 'FHIR R4 Attachment (e.g. a patient photo): inline base64 `data` or a `url`.',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true }),
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
