import type { OperationStateName } from '../../../shared/contract/operation-channels';
import { STATE_LABEL, stateTone } from './operation-labels';

export function StateBadge({ state }: { readonly state: OperationStateName }) {
  return <span className={`state-badge state-${stateTone(state)}`}>{STATE_LABEL[state]}</span>;
}
