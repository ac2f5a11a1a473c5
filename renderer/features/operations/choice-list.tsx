import { useId } from 'react';
import { useDismissablePopover } from '../shared-ui/use-dismissable-popover';

interface ChoiceListProps<T extends string> {
  readonly label: string;
  readonly options: readonly T[];
  readonly labels: Readonly<Record<T, string>>;
  readonly chosen: readonly T[];
  readonly onChange: (next: T[]) => void;
}

/** A drop-down of checkboxes ("any of these"), the same look as the credential facet filters. */
export function ChoiceList<T extends string>({ label, options, labels, chosen, onChange }: ChoiceListProps<T>) {
  const popover = useDismissablePopover();
  const id = useId();
  return (
    <details className="facet" ref={popover}>
      <summary>
        {label}
        {chosen.length > 0 && <span className="facet-count"> ({chosen.length})</span>}
      </summary>
      <fieldset className="facet-options">
        <legend className="visually-hidden">{label}</legend>
        {options.map((option, i) => (
          <div key={option} className="form-row-inline">
            <input
              id={`${id}-${i}`}
              type="checkbox"
              checked={chosen.includes(option)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))}
            />
            <label htmlFor={`${id}-${i}`}>{labels[option]}</label>
          </div>
        ))}
      </fieldset>
    </details>
  );
}
