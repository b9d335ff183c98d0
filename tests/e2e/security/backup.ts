/**
 * Backups carrying the corpus in user fields (notes, tags, highlights and their notes) and in readable
 * copies (snapshots: hostile HTML in their content, hostile text in their title), written as the data view
 * reads them (format version 2, docs/backup-format.md).
 */
import type { Payload } from './corpus';

const AT = Date.UTC(2026, 10, 1);

/** The record id of the backup paper carrying `payload`. */
export const backupPaperId = (payload: Payload) => `doi:10.5555/xss.${payload.id}`;

/** The id of the highlight carrying `payload` (one per backup paper). */
export const backupHighlightId = (payload: Payload) => `h-xss-${payload.id}`;

/**
 * Highlights made on a web page (no paper: they belong to its URL): one per payload whose quote is not on
 * the page (listed as "not found", quote and note shown), and one on `anchoredText`, text the page shows
 * (drawn; its note shows while the pointer is over it).
 */
export interface PageHighlights {
  url: string;
  anchoredText: string;
  anchoredNote: string;
}

export const pageHighlightId = (payload: Payload) => `h-xss-page-${payload.id}`;
export const ANCHORED_HIGHLIGHT_ID = 'h-xss-page-anchored';
/** The quote of `payload`'s page highlight: the payload, marked so that it is on no page. */
export const orphanQuote = (payload: Payload) => `${payload.text} [${payload.id}: not on this page]`;

/** Text that only the snapshot of `payload`'s paper shows: it proves the reader rendered that copy. */
export const snapshotMarker = (payload: Payload) => `Readable copy of ${payload.id}`;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * One paper per payload: the payload as title, author, abstract, note and tag; a highlight whose quote and
 * note are the payload; and a readable copy titled with the payload whose content holds the payload twice:
 * once as text (the highlight anchors there), once as raw HTML (the reader must sanitise it).
 */
export function hostileBackup(payloads: Payload[], onPage?: PageHighlights): string {
  const papers = payloads.map((payload) => {
    const id = backupPaperId(payload);
    return {
      id,
      aliases: [id],
      title: payload.text,
      authors: [payload.text],
      abstract: payload.text,
      links: {},
      status: 'unread',
      tags: [payload.text.slice(0, 200)],
      note: payload.text,
      firstSeenAt: AT,
      lastSeenAt: AT,
      updatedAt: AT,
    };
  });
  const url = (payload: Payload) => `https://example.org/xss/${payload.id}`;
  const highlights: Record<string, unknown>[] = payloads.map((payload) => ({
    id: backupHighlightId(payload),
    paperId: backupPaperId(payload),
    url: url(payload),
    selectors: [{ type: 'TextQuoteSelector', exact: payload.text }],
    text: payload.text,
    color: 'yellow',
    note: payload.text,
    createdAt: AT,
    updatedAt: AT,
  }));
  if (onPage) {
    const pageHighlight = (id: string, exact: string, note: string) => ({
      id,
      url: onPage.url,
      selectors: [{ type: 'TextQuoteSelector', exact }],
      text: exact,
      color: 'green',
      note,
      createdAt: AT,
      updatedAt: AT,
    });
    highlights.push(...payloads.map((payload) => pageHighlight(pageHighlightId(payload), orphanQuote(payload), payload.text)));
    highlights.push(pageHighlight(ANCHORED_HIGHLIGHT_ID, onPage.anchoredText, onPage.anchoredNote));
  }
  const snapshots = payloads.map((payload) => ({
    paperId: backupPaperId(payload),
    url: url(payload),
    title: payload.text,
    content: `<h2>${snapshotMarker(payload)}</h2><p>${escapeHtml(payload.text)}</p><div>${payload.text}</div>`,
    text: `${snapshotMarker(payload)}\n${payload.text}`,
    savedAt: AT,
  }));
  return JSON.stringify({ format: 'lectern-backup', formatVersion: 2, appVersion: '0.1.0', exportedAt: AT, papers, highlights, snapshots });
}

/** A backup the data view refuses: its first paper has an unknown field named `field`. */
export function refusedBackup(payloads: Payload[], field: string): string {
  const backup = JSON.parse(hostileBackup(payloads.slice(0, 1))) as { papers: Record<string, unknown>[] };
  backup.papers[0]![field] = 1;
  return JSON.stringify(backup);
}
