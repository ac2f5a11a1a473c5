import { cell, indexHeader, rawCell } from './import-row';
import { mapManagerEntry, missingColumns } from './password-manager-entry';
import { NO_ROWS, type RowMapper } from './row-mapper';

/** KeePassXC's CSV export: "Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created". */
export const KEEPASSXC_REQUIRED = ['Group', 'Title', 'Username', 'Password', 'URL'] as const;

export const mapKeepassxcRows: RowMapper = (header) => {
  const fileErrors = missingColumns(header, KEEPASSXC_REQUIRED, 'KeePassXC');
  if (fileErrors.length > 0) return { fileErrors, map: NO_ROWS };
  const index = indexHeader(header);
  return {
    fileErrors: [],
    map: ({ fields, line }, row) =>
      mapManagerEntry({
        row,
        line,
        source: 'KeePassXC',
        title: cell(fields, index, 'Title'),
        url: cell(fields, index, 'URL'),
        username: cell(fields, index, 'Username'),
        password: rawCell(fields, index, 'Password'),
        notes: rawCell(fields, index, 'Notes'),
        totp: cell(fields, index, 'TOTP'),
        // The first segment is the database's root group ("Root"): it tells nothing about the entry.
        groups: cell(fields, index, 'Group').split('/').slice(1),
      }),
  };
};
