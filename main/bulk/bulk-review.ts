import { hasAutomaticChange } from '../../shared/domain/operation-rules';
import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/errors';
import { EXPIRES_AT_REQUEST, type BulkAction, type BulkEditChanges, type BulkField, type BulkValue } from '../../shared/domain/bulk';
import type { CredentialView } from '../../shared/domain/credential-view';
import { formatTagList, parseTagList } from '../../shared/domain/tag-list';
import type { CredentialsTables } from '../credentials/credential-tables';
import { loadCredentialViews } from '../credentials/credential-view-mapper';
import { changeRefusal } from '../../shared/domain/change-refusal';
import { ExecutionReferenceResolver } from '../credentials/execution-references';
import { executionPatch, executionSettingsReason } from './bulk-execution-patch';
import { currentValue, eligibilityReason, sameValue, type BulkValues } from './bulk-values';

function fieldCount(changes: BulkEditChanges | undefined): number {
  if (changes === undefined) return 0;
  const { execution_settings: execution, ...plain } = changes;
  return Object.keys(plain).length + Object.keys(execution ?? {}).length;
}

/** One selected credential as the review (and the stored task) sees it. */
export interface ReviewedCredential {
  readonly id: number;
  readonly identifier: string;
  readonly reason: string | undefined;
  /** Only the fields that would change, with their values now and after approval. */
  readonly from: BulkValues;
  readonly to: BulkValues;
}

/** What every credential of an edit would be set to, whether or not it already holds it. */
function editTargets(view: CredentialView, changes: BulkEditChanges): BulkValues {
  const targets: Partial<Record<BulkField, BulkValue>> = {};
  if (changes.credential_type !== undefined) targets.credential_type = changes.credential_type;
  if (changes.domain !== undefined) targets.domain = changes.domain;
  if (changes.device !== undefined) targets.device = { hostname: changes.device.hostname, ip: changes.device.ip };
  if (changes.additional !== undefined) targets.additional = changes.additional;
  if (changes.tags !== undefined) {
    // "In case of adding new tags, they are incorporated into the existing ones" (seed 001).
    const wanted = changes.tags.mode === 'add' ? [...view.tags, ...changes.tags.tags] : changes.tags.tags;
    targets.tags = parseTagList(formatTagList(wanted));
  }
  if (changes.parent_credential_id !== undefined) targets.parent_credential_id = changes.parent_credential_id;
  if (changes.needs_human_interaction !== undefined) targets.needs_human_interaction = changes.needs_human_interaction;
  if (changes.criticality !== undefined) targets.criticality = changes.criticality;
  for (const [key, value] of Object.entries(changes.execution_settings ?? {})) {
    targets[`execution_settings.${key}` as BulkField] = value as BulkValue;
  }
  return targets;
}

/**
 * Whether Expire will schedule a change: automatic change on, with a template to run, and not a
 * credential needing MFA or a human step (seed 000: never changed automatically or by request).
 */
export function rotationTypeFor(view: CredentialView): 'change_password' | 'ssh_key_rotation' | null {
  if (changeRefusal(view) !== null) return null;
  const settings = view.execution_settings;
  if (!hasAutomaticChange(settings)) return null;
  return view.kind === 'ssh_key' ? 'ssh_key_rotation' : 'change_password';
}

function actionTargets(action: Exclude<BulkAction, 'edit'>, view: CredentialView): BulkValues {
  switch (action) {
    case 'enable':
      return { status: 'active' };
    case 'disable':
      return { status: 'inactive' };
    case 'expire': {
      const rotation = rotationTypeFor(view);
      return rotation === null ? { expires_at: EXPIRES_AT_REQUEST } : { expires_at: EXPIRES_AT_REQUEST, rotation };
    }
  }
}

function onlyChanged(view: CredentialView, targets: BulkValues): { from: BulkValues; to: BulkValues } {
  const from: Partial<Record<BulkField, BulkValue>> = {};
  const to: Partial<Record<BulkField, BulkValue>> = {};
  for (const [field, target] of Object.entries(targets) as [BulkField, BulkValue][]) {
    const now = currentValue(view, field);
    if (sameValue(now, target)) continue;
    from[field] = now;
    to[field] = target;
  }
  return { from, to };
}

interface EditContext {
  readonly resolver: ExecutionReferenceResolver;
  readonly targetDeviceId: number | undefined;
  /** Credentials already on the target device, by "username kind" (unique per device: 9003). */
  readonly accountsOnTarget: ReadonlyMap<string, number>;
}

async function editContext(db: Kysely<CredentialsTables>, changes: BulkEditChanges): Promise<EditContext> {
  let targetDeviceId: number | undefined;
  const accountsOnTarget = new Map<string, number>();
  if (changes.device !== undefined) {
    const device = await db.selectFrom('devices').select('id').where('hostname', '=', changes.device.hostname).where('ip', '=', changes.device.ip).executeTakeFirst();
    if (device === undefined) {
      throw new AppFailure('VALIDATION', `No device has hostname "${changes.device.hostname}" and IP "${changes.device.ip}". Register the device first, or pick an existing one.`, { field: 'device' });
    }
    targetDeviceId = device.id;
    const accounts = await db.selectFrom('credentials').select(['id', 'username', 'kind']).where('device_id', '=', device.id).execute();
    for (const a of accounts) accountsOnTarget.set(`${a.username} ${a.kind}`, a.id);
  }
  if (changes.parent_credential_id !== undefined && changes.parent_credential_id !== null) {
    const parent = await db.selectFrom('credentials').select('id').where('id', '=', changes.parent_credential_id).executeTakeFirst();
    if (parent === undefined) throw new AppFailure('VALIDATION', `No credential has id ${changes.parent_credential_id} to be the parent. Pick an existing credential.`, { field: 'parent_credential_id' });
  }
  return { resolver: new ExecutionReferenceResolver(db), targetDeviceId, accountsOnTarget };
}

/**
 * Credentials loaded and reviewed at a time: the views of one step are dropped before the next is
 * loaded, so 100,000 selected credentials never hold 100,000 views at once (the garbage collector
 * would copy every one of them while the review runs).
 */
const REVIEW_STEP = 5000;

/**
 * Reviews a bulk action over the selected credentials: one query per step loads them (with their
 * devices), then each is checked and its From/To computed in memory. Used by the preview (the
 * wizard's review step) and by the request, so both say the same.
 */
export async function reviewBulk(db: Kysely<CredentialsTables>, action: BulkAction, credentialIds: readonly number[], changes: BulkEditChanges | undefined): Promise<readonly ReviewedCredential[]> {
  const reviewed: ReviewedCredential[] = [];
  await reviewEach(db, action, credentialIds, changes, (one) => reviewed.push(one));
  return reviewed;
}

/**
 * reviewBulk for a caller that keeps only part of it (the preview: counts and its first items), in
 * selection order: what it drops is garbage at once, rather than 100,000 reviews outliving the loop.
 */
export async function reviewEach(db: Kysely<CredentialsTables>, action: BulkAction, credentialIds: readonly number[], changes: BulkEditChanges | undefined, visit: (reviewed: ReviewedCredential) => void): Promise<void> {
  if (action === 'edit' && fieldCount(changes) === 0) {
    throw new AppFailure('VALIDATION', 'A bulk edit needs at least one field to change: choose what to set on the selected credentials.', { field: 'changes' });
  }
  if (action !== 'edit' && changes !== undefined) {
    throw new AppFailure('VALIDATION', `A bulk ${action} takes no field changes: only Edit does. Drop "changes" or choose Edit.`, { field: 'changes' });
  }
  const ids = [...new Set(credentialIds)];
  const context = action === 'edit' && changes !== undefined ? await editContext(db, changes) : undefined;
  // Accounts moving onto the target device, to refuse two selected credentials landing on one.
  const landing = new Map<string, number>();
  for (let step = 0; step < ids.length; step += REVIEW_STEP) {
    const part = ids.slice(step, step + REVIEW_STEP);
    const views = new Map((await loadCredentialViews(db, part)).map((view) => [view.id, view]));
    for (const id of part) visit(await reviewOne(id, views.get(id), action, changes, context, landing));
  }
}

async function reviewOne(id: number, view: CredentialView | undefined, action: BulkAction, changes: BulkEditChanges | undefined, context: EditContext | undefined, landing: Map<string, number>): Promise<ReviewedCredential> {
  if (view === undefined) return { id, identifier: `#${id}`, reason: `No credential has id ${id}: it may have been deleted. Leave it out.`, from: {}, to: {} };
  const ineligible = eligibilityReason(action, view);
  if (ineligible !== undefined) return { id, identifier: view.identifier, reason: ineligible, from: {}, to: {} };
  const { from, to } = onlyChanged(view, action === 'edit' && changes !== undefined ? editTargets(view, changes) : actionTargets(action as Exclude<BulkAction, 'edit'>, view));
  const reason = action === 'edit' && context !== undefined ? await editReason(view, to, context, landing) : undefined;
  return { id, identifier: view.identifier, reason, from, to };
}

async function editReason(view: CredentialView, to: BulkValues, context: EditContext, landing: Map<string, number>): Promise<string | undefined> {
  if (to.parent_credential_id === view.id) return `${view.identifier} cannot be its own parent credential (error 9109).`;
  if (typeof to.parent_credential_id === 'number' && (await context.resolver.closesCycle(view.id, to.parent_credential_id))) {
    return `${view.identifier}: credential ${to.parent_credential_id} is already below it in the parent chain; making it the parent would close a cycle (error 9109).`;
  }
  if (to.device !== undefined && context.targetDeviceId !== undefined) {
    const account = `${view.username} ${view.kind}`;
    const clash = context.accountsOnTarget.get(account);
    if (clash !== undefined && clash !== view.id) return `${view.identifier}: credential ${clash} already has username "${view.username}" on the target device (error 9003).`;
    const earlier = landing.get(account);
    if (earlier !== undefined) return `${view.identifier}: credential ${earlier}, also selected, would have username "${view.username}" on the target device too (error 9003).`;
    landing.set(account, view.id);
  }
  const device = (to.device as { hostname: string; ip: string } | undefined) ?? { hostname: view.hostname, ip: view.ip };
  return executionSettingsReason(context.resolver, view, executionPatch(to), device);
}
