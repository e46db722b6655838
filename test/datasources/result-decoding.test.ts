/**
 * The strict decoders of src/datasources/result-data.ts against the definitions they replaced:
 * base64 as `/^[A-Za-z0-9+/]*={0,2}$/` on a length that is a multiple of 4, UTF-8 as a fatal
 * `TextDecoder`, and (for rows streamed in chunks) `decodeResultJson` on the whole body.
 */
import { describe, it } from 'vitest';
import {
  decodeBase64,
  decodeResultData,
  decodeResultJson,
  decodeUtf8,
  ResultDecodeError,
  StreamedRowsDecoder,
} from '../../src/datasources/result-data.js';
import type { ResultRow } from '../../src/datasources/types.js';

/** The base64 check decodeBase64 replaced: a whole-string regex. */
function regexBase64(s: string): Buffer | 'invalid' {
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s) ? Buffer.from(s, 'base64') : 'invalid';
}
function newBase64(s: string): Buffer | 'invalid' {
  try {
    return decodeBase64(s);
  } catch (error) {
    if (!(error instanceof ResultDecodeError) || error.message !== 'result data is not valid base64') throw error;
    return 'invalid';
  }
}

const fatal = new TextDecoder('utf-8', { fatal: true });
function textDecoderUtf8(bytes: Uint8Array): string | 'invalid' {
  try {
    return fatal.decode(bytes);
  } catch {
    return 'invalid';
  }
}
function newUtf8(bytes: Uint8Array): string | 'invalid' {
  try {
    return decodeUtf8(bytes);
  } catch (error) {
    if (!(error instanceof ResultDecodeError)) throw error;
    return 'invalid';
  }
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.concurrent('decodeBase64', () => {
  it('should accept exactly what the regex accepted, with the same bytes, for every string of up to 5 characters over a tricky alphabet', ({
    expect,
  }) => {
    // Alphabet characters with and without low bits set, padding, the URL-safe pair, a space,
    // a Latin-1 letter (skipped by Node) and letters above U+00FF whose low byte is in the alphabet
    // ('Ł' is U+0141: Node would read it as 'A'; 'ń' U+0144 as 'D').
    const alphabet = ['A', 'Q', '+', '/', '=', '-', '_', ' ', 'é', 'Ł', 'ń'];
    const same = (a: Buffer | 'invalid', b: Buffer | 'invalid') =>
      a === 'invalid' || b === 'invalid' ? a === b : a.equals(b);
    const mismatches: string[] = [];
    let checked = 0;
    let valid = 0;
    const visit = (prefix: string) => {
      const expected = regexBase64(prefix);
      if (expected !== 'invalid') valid++;
      if (!same(newBase64(prefix), expected)) mismatches.push(prefix);
      checked++;
      if (prefix.length < 5) for (const c of alphabet) visit(prefix + c);
    };
    visit('');
    expect(mismatches).toEqual([]);
    expect(checked).toBe((11 ** 6 - 1) / 10);
    // '' and the 4-character strings over A, Q, + and / (ending in no, one or two '=').
    expect(valid).toBe(1 + 4 ** 4 + 4 ** 3 + 4 ** 2);
  });

  it('should agree with the regex on 20,000 random longer strings, valid and corrupted', ({ expect }) => {
    const next = random(9);
    const pick = (s: string) => s[Math.floor(next() * s.length)]!;
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const STRAY = [
      '-',
      '_',
      '=',
      ' ',
      '\t',
      '\r',
      '\n',
      '\0',
      '.',
      '\u00ff',
      '\u0100',
      '\u0141',
      '\u0171',
      '\u2b2b',
      '\ud83d',
      '\ufffd',
      '\u{1f600}',
    ];
    let valid = 0;
    for (let n = 0; n < 20_000; n++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(next() * 40) }, () => Math.floor(next() * 256)));
      let s = bytes.toString('base64');
      const corruptions = Math.floor(next() * 3);
      for (let k = 0; k < corruptions && s.length > 0; k++) {
        const at = Math.floor(next() * s.length);
        const stray = next() < 0.5 ? STRAY[Math.floor(next() * STRAY.length)]! : pick(B64);
        s = next() < 0.5 ? s.slice(0, at) + stray + s.slice(at + 1) : s.slice(0, at) + stray + s.slice(at);
      }
      const expected = regexBase64(s);
      if (expected !== 'invalid') valid++;
      expect(newBase64(s), JSON.stringify(s)).toEqual(expected);
    }
    expect(valid).toBeGreaterThan(5_000);
  });

  it('should decode an empty string to no bytes and padded input to the right length', ({ expect }) => {
    expect(decodeBase64('')).toEqual(Buffer.alloc(0));
    expect(decodeBase64('QQ==')).toEqual(Buffer.from('A'));
    expect(decodeBase64('QUI=')).toEqual(Buffer.from('AB'));
    expect(decodeBase64('QUJD')).toEqual(Buffer.from('ABC'));
  });

  it('should reject white space, URL-safe characters, characters above U+00FF and bad padding', ({ expect }) => {
    for (const bad of [
      'QUJD\n',
      'QU JD',
      ' QUJD',
      'QUJ\tD',
      'QUJD\r\n', // white space, in and around
      'QUJ-',
      'QUJ_',
      '-_-_', // the URL-safe alphabet
      'QUJń',
      'ŁŁŁŁ',
      'QUJD\u0141\u0141\u0141\u0141',
      'QU\u{1f600}', // low bytes in the alphabet
      'QUJDé===',
      'QUJ\u0000', // Latin-1 and control characters
      'QQ=',
      'QQ',
      'Q',
      'QUJDQ', // length not a multiple of 4
      'Q===',
      '====',
      'QQ=A',
      'QQ==QUJD',
      'QUJDQU==QUJD',
      '=QUJ',
      'QUJD====', // padding anywhere but at the end, or too much
    ]) {
      expect(() => decodeBase64(bad), JSON.stringify(bad)).toThrow(
        new ResultDecodeError('result data is not valid base64'),
      );
    }
  });

  it('should keep decodeResultData errors and codes: not base64, not UTF-8, not JSON, not rows', ({ expect }) => {
    const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
    expect(() => decodeResultData('W1 0=')).toThrow('result data is not valid base64');
    expect(() => decodeResultData('W10-')).toThrow('result data is not valid base64');
    expect(() => decodeResultData(b64(new Uint8Array([0x5b, 0xc0, 0x80, 0x5d])))).toThrow(
      'result data is not valid UTF-8',
    );
    expect(() => decodeResultData(b64('[{"a":1},]'))).toThrow('result data is not JSON');
    expect(() => decodeResultData(b64('{"a":1}'))).toThrow('result data is not a JSON array');
    expect(() => decodeResultData(b64('[null]'))).toThrow('result data has a row that is not an object');
    expect(decodeResultData(b64('\ufeff[{"Surname":"Ó Sé"}]'))).toEqual({
      columns: ['Surname'],
      rows: [{ Surname: 'Ó Sé' }],
    });
  });
});

describe.concurrent('decodeUtf8', () => {
  const cases: Array<[string, number[]]> = [
    ['ASCII', [0x5b, 0x5d]],
    ['2-, 3- and 4-byte characters', [0xc3, 0x93, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]],
    ['a byte order mark (dropped, as TextDecoder does)', [0xef, 0xbb, 0xbf, 0x5b, 0x5d]],
    ['a byte order mark alone', [0xef, 0xbb, 0xbf]],
    ['two byte order marks (the second is kept)', [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x31]],
    ['U+FEFF after the start (kept)', [0x20, 0xef, 0xbb, 0xbf]],
    ['nothing', []],
    ['an overlong 2-byte form', [0xc0, 0x80]],
    ['an overlong 3-byte form', [0xe0, 0x80, 0xaf]],
    ['an encoded surrogate (CESU-8)', [0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence at the end', [0x41, 0xe2, 0x82]],
    ['a lone continuation byte', [0x41, 0x80, 0x41]],
    ['bytes that never appear in UTF-8', [0xf5, 0xff, 0xfe]],
    ['a truncated sequence before ASCII', [0xf0, 0x9f, 0x41]],
  ];
  for (const [name, bytes] of cases) {
    it(`should decode ${name} exactly as a fatal TextDecoder`, ({ expect }) => {
      expect(newUtf8(new Uint8Array(bytes))).toBe(textDecoderUtf8(new Uint8Array(bytes)));
      expect(newUtf8(Buffer.from(bytes))).toBe(textDecoderUtf8(new Uint8Array(bytes)));
    });
  }

  it('should agree with a fatal TextDecoder on 20,000 random byte strings', ({ expect }) => {
    const next = random(8);
    let valid = 0;
    for (let n = 0; n < 20_000; n++) {
      // Mostly ASCII and well-formed sequences, with some random bytes: both outcomes are common.
      const bytes: number[] = [];
      for (let k = Math.floor(next() * 12); k > 0; k--) {
        const r = next();
        if (r < 0.4) bytes.push(Math.floor(next() * 0x80));
        else if (r < 0.8) bytes.push(...Buffer.from(String.fromCodePoint(Math.floor(next() * 0x10ffff) & ~0x800)));
        else bytes.push(Math.floor(next() * 256));
      }
      const input = new Uint8Array(bytes);
      const expected = textDecoderUtf8(input);
      if (expected !== 'invalid') valid++;
      expect(newUtf8(input), Buffer.from(bytes).toString('hex')).toBe(expected);
    }
    expect(valid).toBeGreaterThan(5_000);
  });
});

/** Feeds `body` to a StreamedRowsDecoder in the given pieces; the rows, or the decode error's message. */
function streamed(pieces: Uint8Array[]): { rows: ResultRow[]; perPush: number[] } | string {
  const decoder = new StreamedRowsDecoder();
  const rows: ResultRow[] = [];
  const perPush: number[] = [];
  try {
    for (const piece of pieces) {
      const got = decoder.push(Buffer.from(piece));
      perPush.push(got.length);
      rows.push(...got);
    }
    rows.push(...decoder.end());
  } catch (error) {
    if (!(error instanceof ResultDecodeError)) throw error;
    return error.message;
  }
  return { rows, perPush };
}

/** `decodeResultJson` on the whole body: its rows, or its error message. */
function whole(body: Uint8Array): ResultRow[] | string {
  try {
    return decodeResultJson(body).rows;
  } catch (error) {
    if (!(error instanceof ResultDecodeError)) throw error;
    return error.message;
  }
}

const splitAt = (body: Buffer, at: number) => [body.subarray(0, at), body.subarray(at)];
const bytewise = (body: Buffer) => Array.from(body, (b) => Buffer.from([b]));

describe.concurrent('StreamedRowsDecoder', () => {
  const bodies: Record<string, string> = {
    'an empty result': '[]',
    'ordinary rows':
      '[{"InternalID":1,"Surname":"Ng","DOB":"1980-01-01T00:00:00"},{"InternalID":2,"Surname":"Óengus","DOB":null}]',
    'brackets, quotes and backslashes inside strings': String.raw`[{"a":"}]{[","b":"\"}","c":"\\","d":"\\\"]"},{"e":"{\"x\":[1]}"}]`,
    'escapes of every kind': String.raw`[{"s":"\u00d3\u20ac\ud83d\ude00\n\t\/\b\f\r","t":"x\\"}]`,
    'nested objects and arrays in a row': '[{"a":{"b":[1,{"c":[]}],"d":{}},"e":[[],[{}]]}]',
    'white space everywhere JSON allows it': ' \r\n\t[ \n{ "a" : 1 , "b" : [ 1 , 2 ] } ,\n\t{"c":"d"}\r\n] \n',
    'multi-byte characters of every length': '[{"Surname":"Ó Sé","Note":"€ 😀 中文"},{"x":"ß"}]',
    'numbers, literals and an integer-like key': '[{"2024":true,"n":-1.5e-3,"z":0,"f":false,"u":null}]',
    'a byte order mark': '\ufeff[{"a":1}]',
  };
  for (const [name, text] of Object.entries(bodies)) {
    it(`should give the rows of ${name} however the body is cut`, ({ expect }) => {
      const body = Buffer.from(text);
      const expected = whole(body);
      expect(Array.isArray(expected)).toBe(true);
      for (let at = 0; at <= body.length; at++)
        expect(streamed(splitAt(body, at)), `cut at ${at}`).toMatchObject({ rows: expected });
      expect(streamed(bytewise(body))).toMatchObject({ rows: expected });
    });
  }

  it('should return each row from the chunk that completes it, holding only the row in progress', ({ expect }) => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ InternalID: i, Notes: `${'x'.repeat(i % 50)}}"` }));
    const body = Buffer.from(JSON.stringify(rows));
    const pieces: Buffer[] = [];
    for (let at = 0; at < body.length; at += 1000) pieces.push(body.subarray(at, at + 1000));
    const result = streamed(pieces);
    expect(result).toMatchObject({ rows });
    if (typeof result === 'string') return;
    // Every piece of 1,000 bytes completes some of the ~40-byte rows; the end adds none.
    expect(result.perPush.every((n) => n > 0)).toBe(true);
    expect(result.perPush.reduce((a, b) => a + b)).toBe(300);
  });

  const failures: Array<[string, string, string]> = [
    ['an empty body', '', 'result data is not JSON'],
    ['white space only', ' \n', 'result data is not JSON'],
    ['a truncated row', '[{"a":1', 'result data is not JSON'],
    ['a truncated array', '[{"a":1},', 'result data is not JSON'],
    ['a missing closing bracket', '[{"a":1}', 'result data is not JSON'],
    ['a trailing comma', '[{"a":1},]', 'result data is not JSON'],
    ['a missing comma', '[{"a":1}{"b":2}]', 'result data is not JSON'],
    ['bytes after the array', '[{"a":1}]x', 'result data is not JSON'],
    ['a second closing bracket', '[{"a":1}]]', 'result data is not JSON'],
    ['an invalid value in a row', '[{"a":tru}]', 'result data is not JSON'],
    ['mismatched brackets in a row', '[{"a":[1}]]', 'result data is not JSON'],
    ['a raw line break in a string', '[{"a":"x\ny"}]', 'result data is not JSON'],
    ['a number row', '[1]', 'result data has a row that is not an object'],
    ['a null row', '[{"a":1},null]', 'result data has a row that is not an object'],
    ['an array row', '[[1]]', 'result data has a row that is not an object'],
    ['a string row', '["a"]', 'result data has a row that is not an object'],
    ['a string', '"x"', 'result data is not a JSON array'],
    ['a number', '12', 'result data is not a JSON array'],
  ];
  for (const [name, text, message] of failures) {
    it(`should reject ${name} as decodeResultJson does (${message})`, ({ expect }) => {
      const body = Buffer.from(text);
      expect(whole(body)).toBe(message);
      for (let at = 0; at <= body.length; at++) expect(streamed(splitAt(body, at)), `cut at ${at}`).toBe(message);
    });
  }

  it('should reject invalid UTF-8 in a row, also when the bad sequence is cut across chunks', ({ expect }) => {
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xff]]) {
      const body = Buffer.concat([Buffer.from('[{"a":"ok"},{"b":"'), Buffer.from(bad), Buffer.from('"}]')]);
      expect(whole(body)).toBe('result data is not valid UTF-8');
      for (let at = 0; at <= body.length; at++)
        expect(streamed(splitAt(body, at)), `cut at ${at}`).toBe('result data is not valid UTF-8');
    }
  });

  it('should take a body that is an object as the {data: base64} envelope and decode it at the end', ({ expect }) => {
    const rows = [
      { InternalID: 1, Surname: 'Ó Sé' },
      { InternalID: 2, Surname: 'Ng' },
    ];
    const body = Buffer.from(` {"data":"${Buffer.from(JSON.stringify(rows)).toString('base64')}","parameters":null}`);
    for (let at = 0; at <= body.length; at++)
      expect(streamed(splitAt(body, at)), `cut at ${at}`).toMatchObject({ rows, perPush: [0, 0] });
    expect(streamed([Buffer.from('{"data":1}')])).toBe('stream body is neither rows nor {data}');
    expect(streamed([Buffer.from('{"data":"W10"}')])).toBe('result data is not valid base64');
    expect(streamed([Buffer.from('{"error":{"status":200,"message":"trunc')])).toBe('stream body is not JSON');
  });

  it('should never quote the data in its errors', ({ expect }) => {
    for (const text of ['[{"Surname":"CANARY"', '[{"Surname":CANARY}]', '["CANARY"]', '{"data":"CANARY"}']) {
      const result = streamed([Buffer.from(text)]);
      expect(typeof result).toBe('string');
      expect(result).not.toContain('CANARY');
    }
  });
});
