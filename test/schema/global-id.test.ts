import { describe, it } from 'vitest';
import { decodeGlobalId, encodeGlobalId } from '../../src/schema/global-id.js';

const NORTH = 'fee5cef8-d527-57a2-a16f-eb0dc50abda6';
const EAST = 'aaf951f4-b90d-5ca5-bdc8-0aea3ebfb583';

describe.concurrent('global ids', () => {
  it('should give the same FHIR id on two sites two ids, each decoding to its site and FHIR id', ({ expect }) => {
    const north = encodeGlobalId('Patient', NORTH, '452');
    const east = encodeGlobalId('Patient', EAST, '452');
    expect(north).not.toBe(east);
    expect(north).toMatch(/^pt_[A-Za-z0-9_-]+$/);
    expect(decodeGlobalId(north)).toEqual({ type: 'Patient', siteId: NORTH, localId: '452' });
    expect(decodeGlobalId(east)).toEqual({ type: 'Patient', siteId: EAST, localId: '452' });
  });

  it('should round-trip every FHIR id form, upper-case GUIDs read as lower case', ({ expect }) => {
    for (const fhirId of ['1', 'a.b-C', 'x'.repeat(64), '0']) {
      expect(decodeGlobalId(encodeGlobalId('Patient', NORTH.toUpperCase(), fhirId))).toEqual({
        type: 'Patient',
        siteId: NORTH,
        localId: fhirId,
      });
    }
  });

  it('should never read a FHIR id as a global id (FHIR ids cannot contain "_")', ({ expect }) => {
    for (const fhirId of ['452', 'pt-123', 'ptAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'x'.repeat(64)])
      expect(decodeGlobalId(fhirId)).toBeUndefined();
  });

  it('should refuse unknown prefixes, non-canonical or short encodings and ids without a local part', ({ expect }) => {
    const valid = encodeGlobalId('Patient', NORTH, '452');
    const body = valid.slice(3);
    for (const bad of [
      `xx_${body}`,
      `_${body}`,
      'pt_',
      'pt_AAAA',
      `pt_${body}=`,
      `pt_${body.slice(0, -1)}`,
      `pt_${Buffer.from(NORTH.replace(/-/g, ''), 'hex').toString('base64url')}`,
      `pt_${body}!`,
    ])
      expect(decodeGlobalId(bad), bad).toBeUndefined();
  });
});
