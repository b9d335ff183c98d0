import { useEffect, useState } from 'preact/hooks';
import { mergeCandidates } from '../../lib/db/candidates';
import type { LecternDB } from '../../lib/db/schema';
import { displayId } from '../../lib/ids';
import type { PaperRecord } from '../../lib/model';

export interface RecordActionHandlers {
  merge(other: PaperRecord): Promise<void>;
  split(aliases: string[]): Promise<void>;
  notAPaper(): Promise<void>;
  remove(): Promise<void>;
}

/** Merge with another record, split ids off, "not a paper" and delete: each undoable from the toast. */
export function RecordActions({ db, paper, actions }: { db: LecternDB; paper: PaperRecord; actions: RecordActionHandlers }) {
  return (
    <section aria-labelledby="record-actions">
      <h3 id="record-actions">Fix this record</h3>
      <MergePicker db={db} paper={paper} onMerge={actions.merge} />
      <SplitPicker paper={paper} onSplit={actions.split} />
      <div class="row-actions">
        <button type="button" onClick={() => void actions.notAPaper()}>
          Not a paper
        </button>
        <button type="button" class="danger" onClick={() => void actions.remove()}>
          Delete
        </button>
      </div>
    </section>
  );
}

function MergePicker({ db, paper, onMerge }: { db: LecternDB; paper: PaperRecord; onMerge: (other: PaperRecord) => Promise<void> }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<PaperRecord[]>([]);
  useEffect(() => {
    let live = true;
    mergeCandidates(db, query, paper.id).then(
      (rows) => live && setFound(rows),
      () => live && setFound([]),
    );
    return () => {
      live = false;
    };
  }, [db, query, paper.id]);
  return (
    <details class="picker">
      <summary>Merge with another record…</summary>
      <label for="merge-query" class="stacked">
        Find the other record by title or id
      </label>
      <input
        id="merge-query"
        type="search"
        autocomplete="off"
        value={query}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
      />
      {query.trim().length >= 2 && found.length === 0 && <p class="muted">No other record matches.</p>}
      <ul class="candidates" aria-label="Records to merge with">
        {found.map((other) => (
          <li key={other.id}>
            <button type="button" class="candidate" onClick={() => void onMerge(other)}>
              Merge with <strong>{other.title}</strong> <span class="muted">{displayId(other.id)}</span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

function SplitPicker({ paper, onSplit }: { paper: PaperRecord; onSplit: (aliases: string[]) => Promise<void> }) {
  const others = paper.aliases.filter((a) => a !== paper.id);
  const [chosen, setChosen] = useState<string[]>([]);
  useEffect(() => setChosen([]), [paper.id, paper.aliases.length]);
  if (!others.length) return null;
  return (
    <details class="picker">
      <summary>Split ids off into a new record…</summary>
      <fieldset>
        <legend>Ids that are another paper</legend>
        {others.map((alias) => (
          <label key={alias} class="check">
            <input
              type="checkbox"
              checked={chosen.includes(alias)}
              onChange={(e) =>
                setChosen((c) => ((e.target as HTMLInputElement).checked ? [...c, alias] : c.filter((x) => x !== alias)))
              }
            />{' '}
            {displayId(alias)} <span class="muted">{alias.split(':')[0]}</span>
          </label>
        ))}
      </fieldset>
      <button type="button" disabled={!chosen.length} onClick={() => void onSplit(chosen)}>
        Split off {chosen.length || ''} id{chosen.length === 1 ? '' : 's'}
      </button>
    </details>
  );
}
