import type { TemplateOperationType } from '../../../shared/domain/template';

export const OPERATION_TYPE_LABEL: Readonly<Record<TemplateOperationType, string>> = {
  change_password: 'Change password',
  verify: 'Verify',
  reconcile: 'Reconcile',
  ssh_key_rotation: 'SSH key rotation',
  enable: 'Enable',
  disable: 'Disable',
};
