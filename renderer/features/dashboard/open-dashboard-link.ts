import type { DashboardLink } from '../../../shared/contract/dashboard-channels';
import { useCredentials } from '../../stores/credentials-store';
import { useNavigation } from '../../stores/navigation-store';
import { EMPTY_OPERATION_FILTER, useOperations, type OperationFilterForm } from '../../stores/operations-store';

type LinkedOperationFilter = Extract<DashboardLink, { view: 'operations' }>['filter'];

/** An ISO instant's UTC day, as the date boxes write it. */
const utcDay = (iso: string): string => iso.slice(0, 10);

/** The operations form that lists what the figure counted; the chart's UTC days keep their bounds. */
export function operationFormFromLink(filter: LinkedOperationFilter): OperationFilterForm {
  const form: OperationFilterForm = {
    ...EMPTY_OPERATION_FILTER,
    code: filter.code ?? '',
    username: filter.username ?? '',
    device: filter.device ?? '',
    vendor: filter.vendor ?? '',
    model: filter.model ?? '',
    requester: filter.requester ?? '',
    tags: (filter.tags ?? []).join(', '),
    states: filter.states ?? [],
    types: filter.types ?? [],
    credentialId: filter.credentialId,
  };
  if (filter.scheduledFrom === undefined || filter.scheduledTo === undefined) return form;
  const day = utcDay(filter.scheduledFrom);
  return { ...form, scheduledFrom: day, scheduledTo: day, scheduledDay: { day, from: filter.scheduledFrom, to: filter.scheduledTo } };
}

/** Opens the list a figure counted: main says which view and which filter, the stores apply it. */
export function openDashboardLink(link: DashboardLink): void {
  const go = useNavigation.getState().go;
  switch (link.view) {
    case 'credentials':
      useCredentials.getState().showOnly({ ...link.filter });
      return go('credentials');
    case 'operations':
      useOperations.getState().setFilter(operationFormFromLink(link.filter));
      return go('operations');
    case 'approvals':
      // The approvals view lists exactly the pending requests: nothing to filter.
      return go('approvals');
  }
}
