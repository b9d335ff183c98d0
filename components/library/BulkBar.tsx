import { useState } from 'preact/hooks';
import { EXPORT_FORMATS, type ExportFormat } from '../../lib/export';
import { STATUSES, type PaperStatus } from '../../lib/model';
import { STATUS_LABELS } from '../../lib/status';

interface Props {
  total: number;
  selected: number;
  onSelectAll: (all: boolean) => void;
  onStatus: (status: PaperStatus) => void;
  onTag: (edit: { add?: string; remove?: string }) => void;
  onExport: (format: ExportFormat) => void;
  onDelete: () => void;
}

/** "Select all in view" and, with a selection, what can be done to it. */
export function BulkBar({ total, selected, onSelectAll, onStatus, onTag, onExport, onDelete }: Props) {
  const [tag, setTag] = useState('');
  const [format, setFormat] = useState<ExportFormat>('bibtex');
  const all = selected > 0 && selected === total;
  const cleanTag = tag.replace(/\s+/g, ' ').trim();
  return (
    <div class="bulk-bar" role="group" aria-label="Selection">
      <label class="inline select-all">
        <input
          type="checkbox"
          checked={all}
          ref={(el) => {
            if (el) el.indeterminate = selected > 0 && !all;
          }}
          onChange={() => onSelectAll(!all)}
        />
        {selected > 0 ? `${String(selected)} of ${String(total)} selected` : `Select all ${String(total)}`}
      </label>
      {selected > 0 && (
        <div class="bulk-actions">
          <select
            aria-label="Set the status of the selected papers"
            value=""
            onChange={(event) => {
              const value = (event.currentTarget as HTMLSelectElement).value as PaperStatus | '';
              (event.currentTarget as HTMLSelectElement).value = '';
              if (value) onStatus(value);
            }}
          >
            <option value="">Mark as…</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
          <span class="tag-edit">
            <input
              type="text"
              class="tag-input"
              aria-label="Tag for the selected papers"
              placeholder="tag"
              value={tag}
              maxLength={200}
              onInput={(event) => setTag((event.currentTarget as HTMLInputElement).value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && cleanTag) onTag({ add: cleanTag });
              }}
            />
            <button type="button" disabled={!cleanTag} onClick={() => onTag({ add: cleanTag })}>
              Add tag
            </button>
            <button type="button" disabled={!cleanTag} onClick={() => onTag({ remove: cleanTag })}>
              Remove tag
            </button>
          </span>
          <span class="export">
            <select
              aria-label="Export format"
              value={format}
              onChange={(event) => setFormat((event.currentTarget as HTMLSelectElement).value as ExportFormat)}
            >
              {EXPORT_FORMATS.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.label}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => onExport(format)}>
              Export
            </button>
          </span>
          <button type="button" class="danger" onClick={onDelete}>
            Delete
          </button>
        </div>
      )}
    </div>
  );
}
