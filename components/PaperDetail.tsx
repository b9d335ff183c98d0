import type { PaperRecord, PaperStatus } from '../lib/model';
import type { LecternDB } from '../lib/db/schema';
import { paperDetail } from '../lib/db/queries';
import { safeHttpUrl } from '../lib/links';
import { displayId } from '../lib/ids';
import { STATUS_LABELS } from '../lib/status';
import { formatDate } from './format';
import { useLiveQuery } from './hooks/useLiveQuery';
import { StatusSelect } from './StatusSelect';

const LINK_LABELS: [keyof PaperRecord['links'], string][] = [
  ['abs', 'Abstract page'],
  ['pdf', 'PDF'],
  ['html', 'HTML'],
  ['code', 'Code'],
  ['page', 'Paper page'],
];

export function PaperDetail({
  db,
  id,
  onStatus,
}: {
  db: LecternDB;
  id: string;
  onStatus: (paper: PaperRecord, status: PaperStatus) => void;
}) {
  const detail = useLiveQuery(() => paperDetail(db, id), [id]);
  const back = (
    <a class="back" href="#/view/all" onClick={(e) => (history.length > 1 ? (e.preventDefault(), history.back()) : undefined)}>
      ← Back
    </a>
  );
  if (detail.status === 'loading') return <p class="muted">Loading…</p>;
  if (detail.status === 'error') return <p class="error" role="alert">The paper could not be read: {detail.error}</p>;
  if (!detail.value) {
    return (
      <section class="detail">
        {back}
        <p class="empty">This paper is not in the library (it may have been deleted or merged).</p>
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
  return (
    <article class="detail" data-paper-id={paper.id}>
      {back}
      <h2>{paper.title}</h2>
      {paper.authors.length > 0 && <p class="paper-authors">{paper.authors.join(', ')}</p>}
      <p class="paper-meta">{[paper.venue, paper.published, displayId(paper.id)].filter(Boolean).join(' · ')}</p>
      <label class="inline">
        Status <StatusSelect status={paper.status} title={paper.title} onChange={(s) => onStatus(paper, s)} />
      </label>
      <ul class="links">
        {LINK_LABELS.map(([key, label]) => {
          const href = safeHttpUrl(paper.links[key]);
          return href ? (
            <li key={key}>
              <a href={href} target="_blank" rel="noopener noreferrer">
                {label}
              </a>
            </li>
          ) : null;
        })}
      </ul>
      {paper.abstract && (
        <section>
          <h3>Abstract</h3>
          <p class="abstract">{paper.abstract}</p>
        </section>
      )}
      <section>
        <h3>Timeline</h3>
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
      <section>
        <h3>Seen on</h3>
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
      <section>
        <h3>Also known as</h3>
        <ul class="aliases">
          {paper.aliases.map((alias) => (
            <li key={alias}>{displayId(alias)}</li>
          ))}
        </ul>
      </section>
    </article>
  );
}
