import { useState } from 'preact/hooks';
import type { LecternDB } from '../../lib/db/schema';
import type { PaperRecord } from '../../lib/model';
import type { CaptureOutcome } from '../../lib/snapshot/inject';
import { isArxivPdf } from '../../lib/snapshot/reader-url';
import { useLiveQuery } from '../hooks/useLiveQuery';

/** What the popup can do about a readable copy of the tab's paper. */
export interface ReadableCopyActions {
  /** The URL the tab shows, when the popup may know it. */
  tabUrl?: string;
  /** Captures the tab's page now (the popup's click grants access to the tab). */
  keep(paperId: string): Promise<CaptureOutcome>;
  openReader(paperId: string): void;
  open(url: string): void;
}

interface Props {
  db: LecternDB;
  paper: PaperRecord;
  actions: ReadableCopyActions;
}

/** "Keep a readable copy" of a paper's page, and the way to the reader once there is one. */
export function ReadableCopy({ db, paper, actions }: Props) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const stored = useLiveQuery(() => db.snapshots.where('paperId').equals(paper.id).count(), [paper.id]);
  const hasCopy = stored.status === 'ready' && stored.value > 0;
  const onPdf = isArxivPdf(actions.tabUrl);

  const keep = async () => {
    setBusy(true);
    setMessage(null);
    const outcome = await actions.keep(paper.id);
    setBusy(false);
    if (!outcome.saved) setMessage(`No copy kept: ${outcome.reason}`);
    else
      setMessage(
        outcome.droppedImages > 0
          ? `Readable copy kept (${String(outcome.droppedImages)} images could not be stored and were left out).`
          : 'Readable copy kept.',
      );
  };

  return (
    <section class="readable-copy" aria-label="Readable copy" style={{ margin: '8px 0' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '12px' }}>
        {hasCopy && (
          <button type="button" class="link-button" onClick={() => actions.openReader(paper.id)}>
            Open the readable copy
          </button>
        )}
        {onPdf ? (
          !hasCopy &&
          paper.links?.html && (
            <button type="button" class="link-button" onClick={() => actions.open(paper.links!.html!)}>
              Open the HTML version to keep a readable copy
            </button>
          )
        ) : (
          <button type="button" onClick={() => void keep()} disabled={busy}>
            {busy ? 'Keeping a copy…' : hasCopy ? 'Keep a fresh readable copy' : 'Keep a readable copy'}
          </button>
        )}
      </div>
      {message && (
        <p class="notice" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
