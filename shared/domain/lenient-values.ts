import { z } from 'zod';

/**
 * Segura clients send booleans as true/false, 0/1 or their string forms; all are accepted so a
 * script written against Segura works unchanged.
 */
export const lenientBoolean = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.enum(['true', 'false', '0', '1'])])
  .transform((value) => value === true || value === 1 || value === 'true' || value === '1');

/** An optional text field: absent keeps the stored value, null clears it. */
export const optionalText = z.string().nullish();

/** The seed's parent_password is an int; accept "152" too, as the seed's responses send ids as strings. */
export const lenientId = z
  .union([z.number().int().positive(), z.string().regex(/^[1-9]\d*$/)])
  .transform((value) => Number(value));
