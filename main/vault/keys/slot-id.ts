import { createHash } from 'node:crypto';

/**
 * A key slot's id: hex SHA-256 of vaultId NUL lowercased-username. The key file sits beside the
 * encrypted DB unencrypted, so it must not list who can open the vault.
 */
export function slotIdFor(vaultId: string, username: string): string {
  return createHash('sha256')
    .update(vaultId, 'utf8')
    .update('\0', 'utf8')
    .update(normalizeUsername(username), 'utf8')
    .digest('hex');
}

export function normalizeUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}
