import { cell, indexHeader, rawCell } from './import-row';
import { mapManagerEntry, missingColumns } from './password-manager-entry';
import { NO_ROWS, type RowMapper } from './row-mapper';

/** Bitwarden's CSV export: folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp. */
export const BITWARDEN_REQUIRED = ['folder', 'type', 'name', 'login_uri', 'login_username', 'login_password'] as const;

export const mapBitwardenRows: RowMapper = (header) => {
  const fileErrors = missingColumns(header, BITWARDEN_REQUIRED, 'Bitwarden');
  if (fileErrors.length > 0) return { fileErrors, map: NO_ROWS };
  const index = indexHeader(header);
  return {
    fileErrors: [],
    map: ({ fields, line }, row) => {
      const type = cell(fields, index, 'type').toLowerCase();
      const name = cell(fields, index, 'name');
      // Secure notes, cards and identities have no account on a device: skipped, not failed.
      if (type !== 'login') return { kind: 'skip', row, line, label: name || `row ${row}`, note: `A Bitwarden "${type || 'untyped'}" item is not a login; it was left out.` };
      return mapManagerEntry({
        row,
        line,
        source: 'Bitwarden',
        title: name,
        // Several URIs come comma- or newline-separated: the first names the device.
        url: (cell(fields, index, 'login_uri').split(/[,\n]/)[0] ?? '').trim(),
        username: cell(fields, index, 'login_username'),
        password: rawCell(fields, index, 'login_password'),
        notes: rawCell(fields, index, 'notes'),
        totp: cell(fields, index, 'login_totp'),
        groups: cell(fields, index, 'folder').split('/'),
      });
    },
  };
};
