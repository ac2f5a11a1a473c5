/** SSH wire encodings (RFC 4251 §5) for building OpenSSH key blobs. */

export function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
}

/** A length-prefixed byte string. */
export function sshString(data: Uint8Array | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  return Buffer.concat([uint32(bytes.length), bytes]);
}

/** A non-negative multiple-precision integer from big-endian bytes: no leading zeros, and a 0x00 in front when the top bit is set. */
export function sshMpint(bigEndian: Uint8Array): Buffer {
  let start = 0;
  while (start < bigEndian.length && bigEndian[start] === 0) start++;
  const trimmed = Buffer.from(bigEndian.subarray(start));
  const first = trimmed[0];
  return sshString(first !== undefined && first & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}
