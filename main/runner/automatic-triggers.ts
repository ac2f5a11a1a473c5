import { isLive } from '../lifecycle/archived';
import { OPEN_STATES } from '../../shared/domain/operation-rules';
import type { Kysely } from 'kysely';
import type { RunnerSettings } from '../../shared/contract/settings';
import { changeRefusal } from '../../shared/domain/change-refusal';
import { expiresAfterReveal, expiresAt, isAutomaticChangeAllowed } from '../policies/change-window';
import { listPolicies, policyForCredential } from '../policies/policy-service';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { OperationTrigger } from './operation-model';
import { createOperation } from './operation-store';


function latest(...stamps: readonly (string | null)[]): Date | null {
  const times = stamps.filter((s): s is string => s !== null).map((s) => Date.parse(s));
  return times.length === 0 ? null : new Date(Math.max(...times));
}

/**
 * The policy triggers (seed 000, Segura's credential policy). A credential gets an automatic change
 * when its policy's period has passed since the last change (or the last manual request, which
 * resets the counters), or its view period has passed since a reveal, and only:
 * - if it is active, with automatic change and a change template configured;
 * - after its first change was requested by hand (seed 000: automatic changes never start alone);
 * - if it does not need MFA or a human step;
 * - within the policy's allowed days and hours;
 * - if no operation for it is already open (or left Unverified).
 * Also keeps each credential's next change time current for the grid, and schedules periodic
 * verifications when that setting is on. Returns the codes of the operations it created.
 */
export async function scheduleAutomaticOperations(db: Kysely<VaultDatabase>, now: Date, settings: RunnerSettings): Promise<string[]> {
  const created: string[] = [];
  const policies = await listPolicies(db);
  const candidates = await db
    .selectFrom('credentials')
    .select(['id', 'identifier', 'kind', 'execution_settings', 'last_changed_at', 'trigger_counters_reset_at', 'first_manual_change_at', 'last_viewed_at', 'next_change_at', 'needs_human_interaction'])
    .where('status', '=', 'active')
    .where('automatic_change', '=', 1)
    .where('first_manual_change_at', 'is not', null)
    .where(isLive('credentials.archived_at'))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('operations as o').select('o.id').whereRef('o.credential_id', '=', 'credentials.id').where('o.state', 'in', OPEN_STATES))))
    .execute();

  for (const credential of candidates) {
    // Seed 000's MFA / human-interaction rule, the one definition every path asks.
    if (changeRefusal(credential) !== null) continue;
    const match = await policyForCredential(db, credential.id, policies);
    if (!match) continue;
    const definition = match.policy.definition;
    const since = latest(credential.last_changed_at, credential.trigger_counters_reset_at, credential.first_manual_change_at);
    if (!since) continue;
    const byPeriod = expiresAt(definition, since);
    const viewedSince = credential.last_viewed_at !== null && Date.parse(credential.last_viewed_at) > since.getTime() ? new Date(credential.last_viewed_at) : null;
    const byView = viewedSince ? expiresAfterReveal(definition, viewedSince) : null;
    const next = [byPeriod, byView].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    const nextIso = next?.toISOString() ?? null;
    if (nextIso !== credential.next_change_at) await db.updateTable('credentials').set({ next_change_at: nextIso }).where('id', '=', credential.id).execute();
    if (!next || next.getTime() > now.getTime() || !isAutomaticChangeAllowed(definition, now)) continue;
    const trigger: OperationTrigger = byView && byView.getTime() <= now.getTime() && (!byPeriod || byView.getTime() <= byPeriod.getTime()) ? 'expiration_view' : 'expiration_period';
    const op = await createOperation(
      db,
      { type: credential.kind === 'ssh_key' ? 'ssh_key_rotation' : 'change_password', credentialId: credential.id, requester: 'system', trigger, maxAttempts: settings.attempts },
      now,
    );
    created.push(op.code);
  }

  if (settings.periodicVerifyHours > 0) {
    const staleBefore = new Date(now.getTime() - settings.periodicVerifyHours * 3_600_000).toISOString();
    const stale = await db
      .selectFrom('credentials')
      .select('id')
      .where('status', '=', 'active')
      .where('content', 'is not', null)
      .where(isLive('credentials.archived_at'))
      .where((eb) => eb.or([eb('last_verified_at', 'is', null), eb('last_verified_at', '<', staleBefore)]))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('operations as o').select('o.id').whereRef('o.credential_id', '=', 'credentials.id').where('o.state', 'in', OPEN_STATES))))
      .execute();
    for (const credential of stale) {
      const op = await createOperation(db, { type: 'verify', credentialId: credential.id, requester: 'system', trigger: 'periodic_verify', maxAttempts: settings.attempts }, now);
      created.push(op.code);
    }
  }
  return created;
}
