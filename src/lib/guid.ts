/** A Halo GUID: a UUID in its 8-4-4-4-12 hex form, any case. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a Halo GUID (a UUID, any case). */
export const isGuid = (value: string): boolean => GUID_PATTERN.test(value);
