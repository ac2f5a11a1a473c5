import { DEVICE_SHELL_LABELS, DEVICE_SHELLS, inferDeviceShell, type DeviceShell } from '../../../shared/domain/device-shell';
import { SelectField } from '../shared-ui/field';

interface DeviceShellFieldProps {
  readonly value: DeviceShell | '';
  readonly type: string;
  readonly vendor: string;
  readonly onChange: (value: DeviceShell | '') => void;
}

/**
 * What reads the lines of the device's SSH and Telnet templates. Left to follow the type and
 * vendor, the option says what that gives now, so the operator sees what the run will decide.
 */
export function DeviceShellField({ value, type, vendor, onChange }: DeviceShellFieldProps) {
  const inferred = inferDeviceShell(type, vendor);
  const options: { value: DeviceShell | ''; label: string }[] = [
    { value: '', label: `From type and vendor (now: ${DEVICE_SHELL_LABELS[inferred]})` },
    ...DEVICE_SHELLS.map((shell) => ({ value: shell, label: DEVICE_SHELL_LABELS[shell] })),
  ];
  return (
    <SelectField
      label="Shell"
      value={value}
      options={options}
      onChange={onChange}
      hint="A POSIX shell refuses templates that put a secret on a command line (it would show in the process list and history); a network CLI takes secrets on its configuration lines."
    />
  );
}
