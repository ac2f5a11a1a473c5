import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createAesFieldCipher } from '../../main/vault/aes-field-cipher';
import { DATABASE_FILE_NAME, openKeyedDriver, openVaultDatabase, rekeyDriver } from '../../main/vault/database/open-vault-database';
import { deriveKek } from '../../main/vault/keys/derive-kek';
import { readKeyFile, writeKeyFile, type KeySlot } from '../../main/vault/keys/key-file';
import { databaseKeyOf, metadataFieldKeyOf, secretsFieldKeyOf } from '../../main/vault/keys/key-generation';
import { wrapKey } from '../../main/vault/keys/key-wrap';
import { deriveDatabaseKey, deriveFieldKey } from '../../main/vault/keys/master-key';
import { slotIdFor } from '../../main/vault/keys/slot-id';
import { unlockVaultKeys } from '../../main/vault/keys/vault-keys';
import { resealEveryField } from '../../main/session/sealed-fields';

/**
 * Turns a closed vault made by this pamdesk into one as the format-1 code wrote it: one master key
 * wrapped in every slot under the slot's KEK (AAD "pamdesk/key-slot/v1"), the database keyed and
 * every field sealed under keys derived from that master key (database-key/v1, field-key/v1). The
 * signing keys stay (format 1 had them, sealed under the same KEK). Built with the old primitives,
 * so the upgrade is tested against what an existing installation has on disk.
 */
export async function downgradeToFormat1(dataDir: string, administrator: string, passphrases: Readonly<Record<string, string>>): Promise<void> {
  const keys = await unlockVaultKeys(dataDir, administrator, passphrases[administrator] ?? '');
  const current = keys.current;
  const master = randomBytes(32);
  const legacyFieldKey = deriveFieldKey(master);
  const [fromSecretsKey, fromMetadataKey] = [secretsFieldKeyOf(current), metadataFieldKeyOf(current)];
  if (fromSecretsKey === null) throw new Error('the administrator has no secrets key');
  const database = await openVaultDatabase(dataDir, databaseKeyOf(current), { mode: 'open' });
  await database.db.transaction().execute(async (trx) => {
    await resealEveryField(trx, {
      fromSecrets: createAesFieldCipher(fromSecretsKey),
      fromMetadata: createAesFieldCipher(fromMetadataKey),
      toSecrets: createAesFieldCipher(legacyFieldKey),
      toMetadata: createAesFieldCipher(legacyFieldKey),
    });
    await trx.deleteFrom('meta').where('key', '=', 'key_generation').execute();
  });
  await database.close();
  const driver = openKeyedDriver(join(dataDir, DATABASE_FILE_NAME), databaseKeyOf(current));
  driver.pragma('journal_mode = DELETE');
  rekeyDriver(driver, deriveDatabaseKey(master));
  driver.close();
  keys.lock();

  const file = await readKeyFile(dataDir);
  const slots: KeySlot[] = [];
  for (const [username, passphrase] of Object.entries(passphrases)) {
    const slot = file.slots.find((candidate) => candidate.slotId === slotIdFor(file.vaultId, username));
    if (!slot) throw new Error(`no slot for ${username}`);
    const kek = await deriveKek(passphrase, Buffer.from(slot.salt, 'base64'), slot.kdf);
    const aad = Buffer.from(`pamdesk/key-slot/v1\0${file.vaultId}\0${slot.slotId}`, 'utf8');
    slots.push({
      slotId: slot.slotId,
      kdf: slot.kdf,
      salt: slot.salt,
      wrappedMasterKey: wrapKey(kek, master, aad).toString('base64'),
      failedAttempts: 0,
      lastFailureAt: null,
      ...(slot.signingKey ? { signingKey: slot.signingKey } : {}),
    });
  }
  await writeKeyFile(dataDir, { format: 1, vaultId: file.vaultId, slots });
}
