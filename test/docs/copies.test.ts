/**
 * docs/halo/ holds verbatim copies of the Halo reference material (docs/halo/README.md says where
 * each came from). docs/halo/SHA256SUMS records the digest of each copy as taken from its source:
 * a copy edited in place, or one missing or added without its digest, fails here.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const COPIES = fileURLToPath(new URL('../../docs/halo/', import.meta.url));
const FILES = ['integrator-openapi.json', 'DOMAIN.md', 'FHIR.md', 'sample-queries.md'];
const patientFiles = readdirSync(join(COPIES, 'au-test-patients')).sort();

/** SHA256SUMS (`sha256sum` output): path → digest. */
function recordedDigests(): Map<string, string> {
  const lines = readFileSync(join(COPIES, 'SHA256SUMS'), 'utf8').split('\n').filter(Boolean);
  return new Map(lines.map((line) => [line.slice(66), line.slice(0, 64)]));
}

describe('docs/halo copies', () => {
  it('should hold the OpenAPI contract, the AU test patients with their CC0 licence, and the notes', () => {
    for (const file of FILES) expect(existsSync(join(COPIES, file)), file).toBe(true);
    expect(patientFiles).toContain('LICENSE');
    expect(readFileSync(join(COPIES, 'au-test-patients', 'LICENSE'), 'utf8')).toContain('CC0 1.0 Universal');
    expect(patientFiles.filter((f) => f.startsWith('Patient-') && f.endsWith('.json'))).toHaveLength(93);
    const spec = JSON.parse(readFileSync(join(COPIES, 'integrator-openapi.json'), 'utf8')) as {
      openapi: string;
      info: { version: string };
    };
    expect(spec).toMatchObject({ openapi: '3.1.1', info: { version: '26.619.10213' } });
  });

  it('should keep every copy as it was taken from its source (docs/halo/SHA256SUMS)', () => {
    const recorded = recordedDigests();
    const copies = [...FILES, ...patientFiles.map((f) => `au-test-patients/${f}`)];
    expect([...recorded.keys()].sort()).toEqual([...copies].sort());
    for (const file of copies) {
      const digest = createHash('sha256')
        .update(readFileSync(join(COPIES, file)))
        .digest('hex');
      expect(digest, file).toBe(recorded.get(file));
    }
  });
});
