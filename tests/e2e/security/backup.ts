/** Backups carrying the corpus in user fields (notes, tags), written as the data view reads them. */
import type { Payload } from './corpus';

const AT = Date.UTC(2026, 10, 1);

/** One paper per payload: the payload as title, author, abstract, note and tag. */
export function hostileBackup(payloads: Payload[]): string {
  const papers = payloads.map((payload) => {
    const id = `doi:10.5555/xss.${payload.id}`;
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
  return JSON.stringify({ format: 'lectern-backup', formatVersion: 1, appVersion: '0.1.0', exportedAt: AT, papers });
}

/** A backup the data view refuses: its first paper has an unknown field named `field`. */
export function refusedBackup(payloads: Payload[], field: string): string {
  const backup = JSON.parse(hostileBackup(payloads.slice(0, 1))) as { papers: Record<string, unknown>[] };
  backup.papers[0]![field] = 1;
  return JSON.stringify(backup);
}
