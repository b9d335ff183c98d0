import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import type { LecternDB } from '../../lib/db/schema';
import { useLiveQuery } from '../hooks/useLiveQuery';

/** Every tag in the library, from the `tags` index (never the table). */
function allTags(db: LecternDB): Promise<string[]> {
  return db.papers.orderBy('tags').uniqueKeys() as Promise<string[]>;
}

/** A paper's tags: each removable, and an input completing from every tag of the library. */
export function TagEditor({
  db,
  tags,
  inputRef,
  onAdd,
  onRemove,
}: {
  db: LecternDB;
  tags: readonly string[];
  inputRef: Ref<HTMLInputElement>;
  onAdd: (tags: string[]) => Promise<void>;
  onRemove: (tag: string) => Promise<void>;
}) {
  const [draft, setDraft] = useState('');
  const known = useLiveQuery(() => allTags(db), []);
  const suggestions = known.status === 'ready' ? known.value.filter((t) => !tags.includes(t)) : [];

  const add = async () => {
    const next = draft.split(',').map((t) => t.trim()).filter(Boolean);
    if (!next.length) return;
    await onAdd(next);
    setDraft('');
  };

  return (
    <div class="tags-editor">
      {tags.length > 0 ? (
        <ul class="tag-list" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag} class="tag">
              <span>{tag}</span>
              <button type="button" class="tag-remove" aria-label={`Remove tag ${tag}`} onClick={() => void onRemove(tag)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No tags. Press t to add one.</p>
      )}
      <form
        class="tag-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label for="tag-input" class="visually-hidden">
          Add tags (comma-separated)
        </label>
        <input
          id="tag-input"
          ref={inputRef}
          list="tag-suggestions"
          placeholder="Add tag…"
          autocomplete="off"
          value={draft}
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        />
        <datalist id="tag-suggestions">
          {suggestions.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <button type="submit">Add</button>
      </form>
    </div>
  );
}
