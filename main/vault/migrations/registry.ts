import { migration0001MetaUsersAudit } from './0001-meta-users-audit';
import { migration0002CredentialsDevices } from './0002-credentials-devices';
import { migration0003CredentialViews } from './0003-credential-views';
import { migration0004TemplatesPolicies } from './0004-templates-policies';
import { migration0005Operations } from './0005-operations';
import { migration0006BulkRequests } from './0006-bulk-requests';
import { migration0007OperationPresetCandidates } from './0007-operation-preset-candidates';
import { migration0008SiemQueue } from './0008-siem-queue';
import { migration0009OperationSettleSchedule } from './0009-operation-settle-schedule';
import { migration0010CredentialTemplateIds } from './0010-credential-template-ids';
import { migration0011AuditSignatures } from './0011-audit-signatures';
import { migration0012UserCreatedBy } from './0012-user-created-by';
import { migration0013UserRemovedAt } from './0013-user-removed-at';
import { migration0014Archive } from './0014-archive';
import { migration0015CredentialSecretHistory } from './0015-credential-secret-history';
import { migration0016ExecutorsDeviceShell } from './0016-executors-device-shell';
import { migration0017SearchOneLetterPrefix } from './0017-search-one-letter-prefix';
import { migration0018DeviceCertificatePins } from './0018-device-certificate-pins';
import { migration0019AuditSearchIndexes } from './0019-audit-search-indexes';
import { migration0020CredentialFacetCounts } from './0020-credential-facet-counts';
import { migration0021ArchivedIndexPartial } from './0021-archived-index-partial';
import { migration0022DeviceLookupWalkIndexes } from './0022-device-lookup-walk-indexes';
import { migration0023FacetCountsChangedOnly } from './0023-facet-counts-changed-only';
import type { Migration } from '../migration';

/** Every migration, in order. A new schema step adds its file and one line here; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001MetaUsersAudit,
  migration0002CredentialsDevices,
  migration0003CredentialViews,
  migration0004TemplatesPolicies,
  migration0005Operations,
  migration0006BulkRequests,
  migration0007OperationPresetCandidates,
  migration0008SiemQueue,
  migration0009OperationSettleSchedule,
  migration0010CredentialTemplateIds,
  migration0011AuditSignatures,
  migration0012UserCreatedBy,
  migration0013UserRemovedAt,
  migration0014Archive,
  migration0015CredentialSecretHistory,
  migration0016ExecutorsDeviceShell,
  migration0017SearchOneLetterPrefix,
  migration0018DeviceCertificatePins,
  migration0019AuditSearchIndexes,
  migration0020CredentialFacetCounts,
  migration0021ArchivedIndexPartial,
  migration0022DeviceLookupWalkIndexes,
  migration0023FacetCountsChangedOnly,
];
