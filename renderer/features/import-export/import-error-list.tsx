import type { ImportRowError } from '../../../shared/contract/transfer-channels';
import { VirtualTable } from '../bulk/virtual-table';

/** Every problem with its row and line, what is wrong and what to do; a file can have thousands. */
export function ImportErrorList({ errors }: { readonly errors: readonly ImportRowError[] }) {
  return (
    <VirtualTable
      label="Rows with errors"
      testId="import-errors"
      height={200}
      columns={[
        { header: 'Row', width: '64px' },
        { header: 'Line', width: '64px' },
        { header: 'Problem', width: 'minmax(180px, 1.4fr)' },
        { header: 'What to do', width: 'minmax(180px, 1.4fr)' },
      ]}
      rowCount={errors.length}
      rowClassName={() => 'virtual-row-error'}
      renderRow={(i) => {
        const error = errors[i];
        if (!error) return [];
        return [error.row === 0 ? 'File' : error.row, error.line, <span title={error.problem}>{error.problem}</span>, <span title={error.fix}>{error.fix}</span>];
      }}
    />
  );
}
