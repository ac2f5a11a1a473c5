import type { FieldLocation } from './field-cipher';

const AAD_DOMAIN = 'pamdesk/field/v1';

/**
 * Canonical, unambiguous encoding of a FieldLocation: each part is length-prefixed (u32 BE) UTF-8,
 * so ("ab","c") and ("a","bc") can never produce the same AAD.
 */
export function encodeFieldLocation(at: FieldLocation): Buffer {
  const parts = [AAD_DOMAIN, at.table, at.column, at.rowId].map((part) => Buffer.from(part, 'utf8'));
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(part.length);
    chunks.push(length, part);
  }
  return Buffer.concat(chunks);
}
