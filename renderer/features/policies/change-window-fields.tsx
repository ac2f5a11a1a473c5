import { useId } from 'react';
import { WEEKDAYS, type Weekday } from '../../../shared/domain/password-policy';
import { ALL_HOURS } from './policy-form';

const DAY_LABEL: Readonly<Record<Weekday, string>> = { sun: 'Sunday', mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday' };

interface ChangeWindowFieldsProps {
  readonly days: readonly Weekday[];
  readonly hours: readonly number[];
  readonly daysError: string | undefined;
  readonly hoursError: string | undefined;
  readonly onDays: (days: Weekday[]) => void;
  readonly onHours: (hours: number[]) => void;
}

/** The days and hours (runner's local time) in which automatic changes may start. */
export function ChangeWindowFields({ days, hours, daysError, hoursError, onDays, onHours }: ChangeWindowFieldsProps) {
  const base = useId();
  return (
    <fieldset className="form-section">
      <legend>Change window</legend>
      <fieldset className="choice-group" aria-describedby={daysError ? `${base}-days-error` : undefined}>
        <legend>Days</legend>
        {WEEKDAYS.map((day) => (
          <span key={day} className="form-row-inline choice">
            <input id={`${base}-${day}`} type="checkbox" checked={days.includes(day)} onChange={(e) => onDays(e.target.checked ? WEEKDAYS.filter((d) => d === day || days.includes(d)) : days.filter((d) => d !== day))} />
            <label htmlFor={`${base}-${day}`}>{DAY_LABEL[day]}</label>
          </span>
        ))}
        {daysError && (
          <span id={`${base}-days-error`} className="form-error field-error">
            {daysError}
          </span>
        )}
      </fieldset>
      <fieldset className="choice-group" aria-describedby={hoursError ? `${base}-hours-error` : undefined}>
        <legend>Hours</legend>
        <div className="button-row">
          <button type="button" className="link-button" onClick={() => onHours([...ALL_HOURS])}>
            All hours
          </button>
          <button type="button" className="link-button" onClick={() => onHours([])}>
            No hours
          </button>
        </div>
        <div className="hour-grid">
          {ALL_HOURS.map((hour) => (
            <span key={hour} className="form-row-inline choice">
              <input id={`${base}-h${hour}`} type="checkbox" checked={hours.includes(hour)} onChange={(e) => onHours(e.target.checked ? [...hours, hour] : hours.filter((h) => h !== hour))} />
              <label htmlFor={`${base}-h${hour}`} aria-label={`Hour ${hour}:00`}>
                {String(hour).padStart(2, '0')}
              </label>
            </span>
          ))}
        </div>
        {hoursError && (
          <span id={`${base}-hours-error`} className="form-error field-error">
            {hoursError}
          </span>
        )}
      </fieldset>
    </fieldset>
  );
}
