import { useEffect, useRef, useState } from 'preact/hooks';
import { renderNote } from './markdown';

/** A paper's note: rendered (sanitised Markdown) until edited as plain text. */
export function NoteEditor({ note, onSave }: { note: string; onSave: (note: string) => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note);
  const [saving, setSaving] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!editing) setDraft(note);
  }, [note, editing]);
  useEffect(() => {
    if (editing) area.current?.focus();
  }, [editing]);

  const save = async () => {
    setSaving(true);
    try {
      await onSave(draft);
      setEditing(false);
    } finally {
      setSaving(false);
    }
  };

  if (!editing) {
    return (
      <div class="note">
        {note.trim() ? (
          // The only HTML of the view: Markdown sanitised by `renderNote`.
          <div class="note-rendered" data-testid="note-rendered" dangerouslySetInnerHTML={{ __html: renderNote(note) }} />
        ) : (
          <p class="muted">No note yet.</p>
        )}
        <button type="button" onClick={() => setEditing(true)}>
          {note.trim() ? 'Edit note' : 'Add a note'}
        </button>
      </div>
    );
  }
  return (
    <div class="note">
      <label class="stacked" for="note-text">
        Note <span class="muted">(Markdown)</span>
      </label>
      <textarea
        id="note-text"
        ref={area}
        rows={6}
        value={draft}
        onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setDraft(note);
            setEditing(false);
          }
        }}
      />
      <div class="row-actions">
        <button type="button" class="primary" disabled={saving} onClick={() => void save()}>
          Save note
        </button>
        <button type="button" onClick={() => (setDraft(note), setEditing(false))}>
          Cancel
        </button>
      </div>
    </div>
  );
}
