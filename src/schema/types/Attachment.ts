import type { Attachment as FhirAttachment } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';

export const Attachment = builder.objectRef<FhirAttachment>('Attachment');

Attachment.implement({
  description: 'FHIR R4 Attachment (e.g. a patient photo): inline base64 `data` or a `url`.',
  fields: (t) => ({
    ...elementFields(t),
    contentType: t.exposeString('contentType', {
      description: 'Mime type of the content, with charset etc. (e.g. image/jpeg).',
      nullable: true,
    }),
    language: t.exposeString('language', { description: 'Human language of the content (BCP-47).', nullable: true }),
    data: t.exposeString('data', { description: 'Data inline, base64ed.', nullable: true }),
    url: t.exposeString('url', { description: 'Uri where the data can be found.', nullable: true }),
    size: t.exposeInt('size', { description: 'Number of bytes of content (if url provided).', nullable: true }),
    hash: t.exposeString('hash', { description: 'Hash of the data (sha-1, base64ed).', nullable: true }),
    title: t.exposeString('title', { description: 'Label to display in place of the data.', nullable: true }),
    creation: t.exposeString('creation', {
      description: 'Date attachment was first created (a FHIR dateTime).',
      nullable: true,
    }),
  }),
});
