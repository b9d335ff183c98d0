import { STATUSES, type PaperStatus } from '../lib/model';
import { STATUS_LABELS } from '../lib/status';

interface Props {
  status: PaperStatus;
  /** The paper's title, for the control's accessible name. */
  title: string;
  onChange: (status: PaperStatus) => void;
  disabled?: boolean;
}

export function StatusSelect({ status, title, onChange, disabled }: Props) {
  return (
    <select
      class={`status status-${status}`}
      aria-label={`Status of “${title}”`}
      value={status}
      disabled={disabled}
      data-status={status}
      onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value as PaperStatus)}
    >
      {STATUSES.map((value) => (
        <option key={value} value={value}>
          {STATUS_LABELS[value]}
        </option>
      ))}
    </select>
  );
}
