import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ListFilters } from '../../lib/routes';
import type { SortKey } from '../../lib/search/types';

const SORT_LABELS: Record<SortKey, string> = {
  relevance: 'Relevance',
  seen: 'Date seen',
  saved: 'Date saved',
  published: 'Date published',
  title: 'Title',
};

const TYPING_DELAY_MS = 120;

interface Props {
  filters: ListFilters;
  onChange: (filters: ListFilters) => void;
  /** False until the search index answers: text, filters and sorts other than "seen" wait for it. */
  searchReady: boolean;
  /** Why search is not ready (still loading, or failed). */
  searchNote?: string;
  tags: { tag: string; count: number }[];
  sites: { site: string; count: number }[];
  inputRef: Ref<HTMLInputElement>;
}

/** Search as you type, filters and sort; everything it sets lives in the route. */
export function SearchBar({ filters, onChange, searchReady, searchNote, tags, sites, inputRef }: Props) {
  const [text, setText] = useState(filters.q ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(filters);
  latest.current = filters;
  // The route changed elsewhere (Esc, a link from the popup): show its text.
  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onInput = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => onChange({ ...latest.current, q: value }), TYPING_DELAY_MS);
  };
  const set = (patch: Partial<ListFilters>) => onChange({ ...filters, ...patch });
  const activeFilters = [filters.tag, filters.site, filters.seenFrom, filters.seenTo, filters.savedFrom, filters.savedTo, filters.publishedFrom, filters.publishedTo].filter(Boolean).length;
  // Open at first when a link brings filters; afterwards the user's choice (clearing a filter keeps it open).
  const [filtersOpen, setFiltersOpen] = useState(activeFilters > 0);
  const sort = filters.sort ?? (filters.q ? 'relevance' : 'seen');

  return (
    <div class="search-bar">
      <div class="search-row">
        <input
          ref={inputRef}
          type="search"
          class="search-input"
          placeholder={searchReady ? 'Search title, authors, abstract, notes, tags  ( / )' : 'Search (getting ready…)'}
          aria-label="Search the library"
          aria-keyshortcuts="/"
          value={text}
          onInput={(event) => onInput((event.currentTarget as HTMLInputElement).value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              clearTimeout(timer.current);
              if (text) {
                setText('');
                onChange({ ...filters, q: '' });
              } else (event.currentTarget as HTMLInputElement).blur();
            } else if (event.key === 'Enter') {
              clearTimeout(timer.current);
              onChange({ ...filters, q: text });
            }
          }}
        />
        <label class="sort">
          <span class="visually-hidden">Sort by</span>
          <select
            aria-label="Sort by"
            value={sort}
            onChange={(event) => set({ sort: (event.currentTarget as HTMLSelectElement).value as SortKey })}
          >
            {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
              <option key={key} value={key} disabled={key === 'relevance' && !filters.q}>
                {SORT_LABELS[key]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="reverse"
          aria-pressed={filters.reverse ? 'true' : 'false'}
          aria-label={filters.reverse ? 'Reverse order: on' : 'Reverse order: off'}
          title="Reverse order"
          onClick={() => set({ reverse: !filters.reverse })}
        >
          ⇅
        </button>
      </div>
      {searchNote && <p class="muted search-note">{searchNote}</p>}
      <details
        class="filters"
        open={filtersOpen}
        onToggle={(event) => setFiltersOpen((event.currentTarget as HTMLDetailsElement).open)}
      >
        <summary>Filters{activeFilters > 0 ? ` (${String(activeFilters)})` : ''}</summary>
        <div class="filter-grid">
          <label>
            Tag
            <select aria-label="Filter by tag" value={filters.tag ?? ''} onChange={(e) => set({ tag: (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">Any tag</option>
              {filters.tag && !tags.some((t) => t.tag === filters.tag) && <option value={filters.tag}>{filters.tag}</option>}
              {tags.map((t) => (
                <option key={t.tag} value={t.tag}>
                  {t.tag} ({t.count})
                </option>
              ))}
            </select>
          </label>
          <label>
            Site
            <select aria-label="Filter by site" value={filters.site ?? ''} onChange={(e) => set({ site: (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">Any site</option>
              {filters.site && !sites.some((s) => s.site === filters.site) && <option value={filters.site}>{filters.site}</option>}
              {sites.map((s) => (
                <option key={s.site} value={s.site}>
                  {s.site} ({s.count})
                </option>
              ))}
            </select>
          </label>
          <DateRange label="Seen" from={filters.seenFrom} to={filters.seenTo} onChange={(from, to) => set({ seenFrom: from, seenTo: to })} />
          <DateRange label="Saved" from={filters.savedFrom} to={filters.savedTo} onChange={(from, to) => set({ savedFrom: from, savedTo: to })} />
          <DateRange
            label="Published"
            from={filters.publishedFrom}
            to={filters.publishedTo}
            onChange={(from, to) => set({ publishedFrom: from, publishedTo: to })}
          />
          {activeFilters > 0 && (
            <button
              type="button"
              class="link-button"
              onClick={() => onChange({ q: filters.q, sort: filters.sort, reverse: filters.reverse })}
            >
              Clear filters
            </button>
          )}
        </div>
      </details>
    </div>
  );
}

function DateRange({
  label,
  from,
  to,
  onChange,
}: {
  label: string;
  from: string | undefined;
  to: string | undefined;
  onChange: (from: string | undefined, to: string | undefined) => void;
}) {
  const value = (e: Event) => (e.currentTarget as HTMLInputElement).value || undefined;
  return (
    <fieldset class="date-range">
      <legend>{label}</legend>
      <input type="date" aria-label={`${label} from`} value={from ?? ''} onChange={(e) => onChange(value(e), to)} />
      <span aria-hidden="true">–</span>
      <input type="date" aria-label={`${label} to`} value={to ?? ''} onChange={(e) => onChange(from, value(e))} />
    </fieldset>
  );
}
