import type { PaperRecord, PaperStatus } from '../lib/model';
import { safeHttpUrl } from '../lib/links';
import { shortAuthorList } from '../lib/library/authors';
import { siteBadges } from '../lib/library/sites';
import { StatusSelect } from './StatusSelect';

interface Props {
  paper: PaperRecord;
  onStatus: (paper: PaperRecord, status: PaperStatus) => void;
  /** Where the title leads: the library's detail view when given, else the paper's own page. */
  detailHref?: string;
  /** The keyboard cursor is on this row. */
  current?: boolean;
  /** Hosts where the paper was seen (site badges). */
  hosts?: readonly string[];
  /** A selection checkbox (library lists): `shift` extends the selection from the last clicked row. */
  select?: { checked: boolean; onClick: (shift: boolean) => void };
  /** Extra attributes for a virtualised list (position, size). */
  itemProps?: { style?: Record<string, string>; 'aria-posinset'?: number; 'aria-setsize'?: number };
}

/** One paper in a list. Every page-derived string is rendered as text. */
export function PaperRow({ paper, onStatus, detailHref, current, hosts, select, itemProps }: Props) {
  const external = safeHttpUrl(paper.links.abs ?? paper.links.page);
  const meta = [paper.venue, paper.published].filter(Boolean).join(' · ');
  const badges = hosts ? siteBadges(hosts) : [];
  return (
    <li
      {...itemProps}
      class={`paper-row${current ? ' selected' : ''}${select?.checked ? ' checked' : ''}`}
      data-paper-id={paper.id}
      data-status={paper.status}
    >
      {select && (
        <input
          type="checkbox"
          class="row-check"
          checked={select.checked}
          aria-label={`Select “${paper.title}”`}
          onClick={(event) => {
            event.preventDefault();
            select.onClick(event.shiftKey);
          }}
        />
      )}
      <div class="paper-main">
        {detailHref ? (
          <a class="paper-title" href={detailHref}>
            {/* The security tests' positive control: only a LECTERN_UNSAFE_TEST build renders the title as HTML. */}
            {import.meta.env.LECTERN_UNSAFE_TEST ? <span dangerouslySetInnerHTML={{ __html: paper.title }} /> : paper.title}
          </a>
        ) : external ? (
          <a class="paper-title" href={external} target="_blank" rel="noopener noreferrer">
            {paper.title}
          </a>
        ) : (
          <span class="paper-title">{paper.title}</span>
        )}
        {paper.authors.length > 0 && (
          <div class="paper-authors" title={paper.authors.join(', ')}>
            {shortAuthorList(paper.authors)}
          </div>
        )}
        {(meta || badges.length > 0 || paper.tags.length > 0) && (
          <div class="paper-meta">
            {badges.length > 0 && (
              <span class="sites" role="list" aria-label="Seen on">
                {badges.map((badge) => (
                  <span key={badge.host} role="listitem" class="site-badge" data-site={badge.key} title={badge.name}>
                    <span aria-hidden="true">{badge.mark}</span>
                    <span class="visually-hidden">{badge.name}</span>
                  </span>
                ))}
              </span>
            )}
            {meta && <span class="meta-text">{meta}</span>}
            {paper.tags.length > 0 && (
              <span class="tags" aria-label="Tags">
                {paper.tags.map((tag) => (
                  <span key={tag} class="tag">
                    {tag}
                  </span>
                ))}
              </span>
            )}
          </div>
        )}
      </div>
      <div class="paper-actions">
        {external && (
          <a class="open-link" href={external} target="_blank" rel="noopener noreferrer" aria-label={`Open “${paper.title}”`}>
            ↗
          </a>
        )}
        <StatusSelect status={paper.status} title={paper.title} onChange={(status) => onStatus(paper, status)} />
      </div>
    </li>
  );
}
