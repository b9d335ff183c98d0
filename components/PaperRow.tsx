import type { PaperRecord, PaperStatus } from '../lib/model';
import { safeHttpUrl } from '../lib/links';
import { shortAuthors } from './format';
import { StatusSelect } from './StatusSelect';

interface Props {
  paper: PaperRecord;
  onStatus: (paper: PaperRecord, status: PaperStatus) => void;
  /** Where the title leads: the library's detail view when given, else the paper's own page. */
  detailHref?: string;
  selected?: boolean;
}

/** One paper in a list. Every page-derived string is rendered as text. */
export function PaperRow({ paper, onStatus, detailHref, selected }: Props) {
  const external = safeHttpUrl(paper.links.abs ?? paper.links.page);
  const meta = [paper.venue, paper.published].filter(Boolean).join(' · ');
  return (
    <li class={`paper-row${selected ? ' selected' : ''}`} data-paper-id={paper.id} data-status={paper.status}>
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
        {paper.authors.length > 0 && <div class="paper-authors">{shortAuthors(paper.authors)}</div>}
        {meta && <div class="paper-meta">{meta}</div>}
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
