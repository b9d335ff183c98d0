import { useEffect, useRef, useState } from 'preact/hooks';
import type { PaperRecord, PaperStatus } from '../lib/model';
import type { LecternDB } from '../lib/db/schema';
import type { Undo } from '../lib/db/library-edits';
import { paperDetail } from '../lib/db/queries';
import { request as defaultRequest } from '../lib/messaging/client';
import { paperLinks } from '../lib/paper-links';
import { safeHttpUrl } from '../lib/links';
import { displayId } from '../lib/ids';
import { libraryHash } from '../lib/routes';
import { STATUS_LABELS } from '../lib/status';
import { formatDate } from './format';
import { useLiveQuery } from './hooks/useLiveQuery';
import { StatusSelect } from './StatusSelect';
import { NoteEditor } from './detail/NoteEditor';
import { RecordActions } from './detail/RecordActions';
import { TagEditor } from './detail/TagEditor';
import { UndoToast, type ToastState } from './detail/UndoToast';
import './detail.css';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function goBack(): void {
  location.hash = libraryHash({ kind: 'view', view: 'all' });
}

/**
 * One paper: metadata, links, where it was seen, note, tags, status times, and the record fixes (merge,
 * split, not a paper, delete), each undoable. `t` focuses the tag input, Esc goes back.
 */
export function PaperDetail({
  db,
  id,
  onStatus,
  onBack = goBack,
  request = defaultRequest,
}: {
  db: LecternDB;
  id: string;
  onStatus: (paper: PaperRecord, status: PaperStatus) => void;
  /** Leave the detail view (Esc, the back link); by default the "All" view. */
  onBack?: () => void;
  /** The protocol client (tests pass their own). */
  request?: typeof defaultRequest;
}) {
  const detail = useLiveQuery(() => paperDetail(db, id), [id]);
  const [error, setError] = useState<string | null>(null);
  const [toast, setToast] = useState<ToastState | null>(null);
  const tagInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === 'Escape') {
        if (isTyping(event.target)) (event.target as HTMLElement).blur();
        else onBack();
        event.preventDefault();
      } else if (event.key === 't' && !isTyping(event.target)) {
        event.preventDefault();
        tagInput.current?.focus();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [onBack]);

  /** Runs an edit; a failure shows, never silently. */
  const attempt = async (what: string, run: () => Promise<void>) => {
    try {
      setError(null);
      await run();
    } catch (e) {
      setError(`${what} failed: ${messageOf(e)}`);
    }
  };

  const undoable = (message: string, undo: Undo, after?: () => void) =>
    setToast({
      message,
      undo: () =>
        attempt('Undo', async () => {
          await request('library.restoreRecords', undo);
          setToast({ message: 'Undone.' });
          after?.();
        }),
    });

  const back = (
    <a
      class="back"
      href={libraryHash({ kind: 'view', view: 'all' })}
      onClick={(e) => {
        e.preventDefault();
        onBack();
      }}
    >
      ← Back
    </a>
  );
  const messages = (
    <>
      {error && (
        <p class="error" role="alert">
          {error}{' '}
          <button type="button" class="link-button" onClick={() => setError(null)}>
            Dismiss
          </button>
        </p>
      )}
      <UndoToast toast={toast} onClose={() => setToast(null)} />
    </>
  );

  if (detail.status === 'loading') return <p class="muted">Loading…</p>;
  if (detail.status === 'error') return <p class="error" role="alert">The paper could not be read: {detail.error}</p>;
  if (!detail.value) {
    return (
      <section class="detail">
        {back}
        <p class="empty">This paper is not in the library (it may have been deleted or merged).</p>
        {messages}
      </section>
    );
  }
  const { paper, sightings } = detail.value;
  const times: [string, number | undefined][] = [
    ['First seen', paper.firstSeenAt],
    ['Last seen', paper.lastSeenAt],
    ['Saved', paper.savedAt],
    ['Started', paper.startedAt],
    ['Read', paper.readAt],
  ];
  const title = paper.title || displayId(paper.id);
  return (
    <article class="detail" data-paper-id={paper.id} aria-labelledby="paper-title">
      {back}
      <h2 id="paper-title">{title}</h2>
      {paper.authors.length > 0 && <p class="paper-authors">{paper.authors.join(', ')}</p>}
      <p class="paper-meta">{[paper.venue, paper.published, displayId(paper.id)].filter(Boolean).join(' · ')}</p>
      <label class="inline">
        Status <StatusSelect status={paper.status} title={paper.title} onChange={(s) => onStatus(paper, s)} />
      </label>
      {messages}
      <ul class="links" aria-label="Links">
        {paperLinks(paper).map((link) => (
          <li key={link.key}>
            <a href={link.href} target="_blank" rel="noopener noreferrer">
              {link.label}
            </a>
          </li>
        ))}
      </ul>

      <section aria-labelledby="tags-heading">
        <h3 id="tags-heading">Tags</h3>
        <TagEditor
          db={db}
          tags={paper.tags}
          inputRef={tagInput}
          onAdd={(tags) => attempt('Adding tags', async () => void (await request('library.addTags', { ids: [paper.id], tags })))}
          onRemove={(tag) =>
            attempt('Removing the tag', async () => void (await request('library.removeTags', { ids: [paper.id], tags: [tag] })))
          }
        />
      </section>

      <section aria-labelledby="note-heading">
        <h3 id="note-heading">Note</h3>
        <NoteEditor
          note={paper.note}
          onSave={async (note) => {
            try {
              setError(null);
              await request('library.setNote', { id: paper.id, note });
            } catch (e) {
              setError(`Saving the note failed: ${messageOf(e)}`);
              throw e;
            }
          }}
        />
      </section>

      {paper.abstract && (
        <section aria-labelledby="abstract-heading">
          <h3 id="abstract-heading">Abstract</h3>
          <p class="abstract">{paper.abstract}</p>
        </section>
      )}
      <section aria-labelledby="timeline-heading">
        <h3 id="timeline-heading">Timeline</h3>
        <dl class="times">
          {times.map(([label, at]) =>
            at === undefined ? null : (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{formatDate(at)}</dd>
              </div>
            ),
          )}
          <div>
            <dt>Status</dt>
            <dd>{STATUS_LABELS[paper.status]}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="seen-heading">
        <h3 id="seen-heading">Seen on</h3>
        <ul class="sightings">
          {sightings.map((sighting) => {
            const href = safeHttpUrl(sighting.page);
            return (
              <li key={sighting.page}>
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer">
                    {sighting.page}
                  </a>
                ) : (
                  sighting.page
                )}{' '}
                <span class="muted">{formatDate(sighting.firstAt)}</span>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="aliases-heading">
        <h3 id="aliases-heading">Also known as</h3>
        <ul class="aliases">
          {paper.aliases.map((alias) => (
            <li key={alias}>{alias}</li>
          ))}
        </ul>
      </section>
      <RecordActions
        db={db}
        paper={paper}
        actions={{
          merge: (other) =>
            attempt('Merging', async () => {
              const result = await request('library.merge', { keep: paper.id, absorb: other.id });
              undoable(`Merged “${other.title}” into this record.`, result.undo, () => {
                if (location.hash !== libraryHash({ kind: 'paper', id: paper.id })) location.hash = libraryHash({ kind: 'paper', id: paper.id });
              });
              if (result.kept.id !== paper.id) location.hash = libraryHash({ kind: 'paper', id: result.kept.id });
            }),
          split: (aliases) =>
            attempt('Splitting', async () => {
              const result = await request('library.split', { id: paper.id, aliases });
              setToast(null);
              undoable(`Split ${aliases.length} id${aliases.length === 1 ? '' : 's'} off into ${displayId(result.created.id)}.`, result.undo);
            }),
          notAPaper: () =>
            attempt('Marking as not a paper', async () => {
              const result = await request('library.notAPaper', { ids: [paper.id] });
              undoable('Removed, and it will not be recorded again.', result.undo);
            }),
          remove: () =>
            attempt('Deleting', async () => {
              const before = await request('library.snapshotRecords', { ids: [paper.id] });
              await request('library.delete', { ids: [paper.id] });
              undoable('Deleted.', { records: before.records, expect: before.expect.map((e) => ({ id: e.id, version: null })) });
            }),
        }}
      />
    </article>
  );
}
