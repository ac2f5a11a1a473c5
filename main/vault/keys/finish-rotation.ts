import { readKeyFile, writeKeyFile, type KeyFile } from './key-file';
import { withKeyFileLock } from './key-file-lock';

/**
 * The last step of a key rotation, once the database has been swapped for the new generation's:
 * drop every older envelope, every slot that was not given the new generation (removed users) and
 * the rotation marker. Idempotent, and run again by whichever unlock first finds the database at
 * the new generation while the marker is still there (a crash after the swap).
 */
export async function finishSwappedRotation(dataDir: string, vaultId: string, openedGeneration: number): Promise<void> {
  await withKeyFileLock(dataDir, async () => {
    const file = await readKeyFile(dataDir);
    if (file.vaultId !== vaultId || file.rotation === undefined || file.rotation.to !== openedGeneration) return;
    await writeKeyFile(dataDir, dropOlderGenerations(file, openedGeneration));
  });
}

export function dropOlderGenerations(file: KeyFile, generation: number): KeyFile {
  const slots = file.slots
    .filter((slot) => (slot.envelopes ?? []).some((envelope) => envelope.generation === generation))
    .map((slot) => ({ ...slot, envelopes: (slot.envelopes ?? []).filter((envelope) => envelope.generation >= generation) }));
  return { format: 2, vaultId: file.vaultId, slots };
}
