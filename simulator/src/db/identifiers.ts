/**
 * Australian healthcare identifiers for the simulator's synthetic patients, and the seeded PRNG
 * every generator in this folder draws from. Formats follow docs/halo/FHIR.md §3.1
 * and §7.2. All values are synthetic: they pass the check-digit rules but are not reserved test
 * ranges, so they may coincide with real people's numbers (as the AU test data README warns).
 */

/** A seeded source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a tiny, fast 32-bit PRNG. The same seed always yields the same sequence.
 * @param seed any number; only its low 32 bits are used.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes several integers into one 32-bit seed (order-sensitive), so per-entity generators
 * (`seedOf(siteSeed, patientIndex)`) are independent of how many entities precede them.
 */
export function seedOf(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995) >>> 0;
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** An integer in [min, max] (both inclusive). */
export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** One element of a non-empty array. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new RangeError('pick() from an empty list');
  return item;
}

/** `count` random decimal digits as a string. */
export function randomDigits(rng: Rng, count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) s += String(Math.floor(rng() * 10));
  return s;
}

// ---------------------------------------------------------------------------------------------
// IHI

/** Every IHI starts with this prefix (6-digit issuer identifier for individuals). */
export const IHI_PREFIX = '800360';

/** The Luhn check digit for a string of digits (the digit to append). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // Walking from the right, the digit next to the (future) check digit is doubled.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A 16-digit IHI: `800360` + 9 random digits + Luhn check digit. */
export function generateIhi(rng: Rng): string {
  const body = IHI_PREFIX + randomDigits(rng, 9);
  return body + String(luhnCheckDigit(body));
}

/** True iff `value` is exactly 16 digits, starts `800360`, and passes Luhn (AU Base inv-ihi-value-0/1/2). */
export function isValidIhi(value: string): boolean {
  if (!/^\d{16}$/.test(value) || !value.startsWith(IHI_PREFIX)) return false;
  return luhnCheckDigit(value.slice(0, 15)) === value.charCodeAt(15) - 48;
}

// ---------------------------------------------------------------------------------------------
// Medicare

const MEDICARE_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9] as const;

/** The Medicare check digit (9th digit) for the first 8 digits. */
export function medicareCheckDigit(first8: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (first8.charCodeAt(i) - 48) * (MEDICARE_WEIGHTS[i] ?? 0);
  return sum % 10;
}

export interface MedicareCard {
  /** 10 digits: identifier (8) + check digit + issue number. */
  number: string;
  /** Individual reference number (the patient's line on the card), '1'–'9'. */
  irn: string;
}

/**
 * A Medicare card number: first digit 2–6, 7 more digits, the weighted check digit
 * (weights 1,3,7,9,1,3,7,9 mod 10), the issue number 1–9; plus a separate IRN 1–9.
 */
export function generateMedicare(rng: Rng): MedicareCard {
  const first8 = String(randInt(rng, 2, 6)) + randomDigits(rng, 7);
  const issue = randInt(rng, 1, 9);
  return { number: `${first8}${medicareCheckDigit(first8)}${issue}`, irn: String(randInt(rng, 1, 9)) };
}

/**
 * True iff `value` (spaces ignored) is a 10-digit Medicare number or an 11-digit number with the
 * IRN appended: first digit 2–6, check digit correct, issue number and IRN non-zero.
 */
export function isValidMedicare(value: string): boolean {
  const v = value.replace(/ /g, '');
  if (!/^[2-6]\d{9,10}$/.test(v)) return false;
  if (medicareCheckDigit(v.slice(0, 8)) !== v.charCodeAt(8) - 48) return false;
  if (v[9] === '0') return false;
  return v.length === 10 || v[10] !== '0';
}

// ---------------------------------------------------------------------------------------------
// DVA

/** AU state/territory code (australian-states-territories-2). */
export type AuState = 'NSW' | 'VIC' | 'QLD' | 'SA' | 'WA' | 'TAS' | 'NT' | 'ACT';

/** DVA entitlement card: Gold, White, Orange (v2-0203 AU codes). */
export type DvaCardType = 'DVG' | 'DVW' | 'DVO';

/** The DVA state letter for a patient's state (ACT files under N, NT under S). */
export const DVA_STATE_LETTER: Readonly<Record<AuState, string>> = {
  NSW: 'N',
  ACT: 'N',
  VIC: 'V',
  QLD: 'Q',
  WA: 'W',
  SA: 'S',
  NT: 'S',
  TAS: 'T',
};

/** War/service codes seen in DVA file numbers ('X' = WWII, 'BUR' = Burma, …). */
const DVA_WAR_CODES = ['X', 'X', 'X', 'SM', 'SS', 'KM', 'BUR', 'MAL', 'SR'] as const;

export interface DvaEntitlement {
  /** e.g. `NX123456`, `VBUR9080`, `QSM01234A`: state letter + war code + digits to 8 chars + optional segment letter. */
  number: string;
  cardType: DvaCardType;
}

/** A DVA file number (≤ 9 chars, METeOR 339127 shape) and card type (mostly Gold). */
export function generateDva(rng: Rng, state: AuState): DvaEntitlement {
  const prefix = DVA_STATE_LETTER[state] + pick(rng, DVA_WAR_CODES);
  let number = prefix + randomDigits(rng, 8 - prefix.length);
  if (rng() < 0.15) number += pick(rng, ['A', 'B', 'C']);
  const r = rng();
  const cardType: DvaCardType = r < 0.6 ? 'DVG' : r < 0.9 ? 'DVW' : 'DVO';
  return { number, cardType };
}

/** True iff `value` looks like a DVA file number: a state letter N/V/Q/W/S/T, then letters/digits, ≤ 9 chars. */
export function isValidDva(value: string): boolean {
  return /^[NVQWST][A-Z]{0,3}\d{1,7}[A-Z]?$/.test(value) && value.length <= 9;
}

// ---------------------------------------------------------------------------------------------
// Medicare provider numbers (for practitioners)

const PROVIDER_LOCATION_CHARS = '0123456789ABCDEFGHJKLMNPQRTUVWXY';
const PROVIDER_CHECK_CHARS = 'YXWTLKJHFBA';
const PROVIDER_WEIGHTS = [3, 5, 8, 4, 2, 1] as const;

/**
 * A Medicare provider number: 6-digit stem + practice-location character + check character
 * (stem weighted 3,5,8,4,2,1, location value × 6, mod 11 into `YXWTLKJHFBA`), e.g. `2123456A`.
 */
export function generateProviderNo(rng: Rng): string {
  const stem = String(randInt(rng, 2, 4)) + randomDigits(rng, 5);
  const plv = randInt(rng, 0, 9);
  let sum = plv * 6;
  for (let i = 0; i < 6; i++) sum += (stem.charCodeAt(i) - 48) * (PROVIDER_WEIGHTS[i] ?? 0);
  return stem + (PROVIDER_LOCATION_CHARS[plv] ?? '0') + (PROVIDER_CHECK_CHARS[sum % 11] ?? 'Y');
}

// ---------------------------------------------------------------------------------------------
// Centrelink CRN (pension / concession cards)

/** A Centrelink customer reference number shape: 9 digits + a letter (the check letter is not computed). */
export function generateCrn(rng: Rng): string {
  return String(randInt(rng, 2, 4)) + randomDigits(rng, 8) + pick(rng, [...'ABCDEFGHJKLMNPQRSTUVWXY']);
}
