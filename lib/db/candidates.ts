/**
 * Read-only: records the user may mean when picking "the other record" of a merge, by id or by words of
 * the title. Ids are looked up through the aliases index; titles are matched over the most recently seen
 * records, stopping after `MAX_EXAMINED` of them, so a search never reads the whole library.
 */
import type { PaperId, PaperRecord } from '../model';
import type { LecternDB } from './schema';

export const MAX_EXAMINED = 5_000;

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Up to `limit` records other than `exclude` whose id starts with, or whose title holds every word of, `query`. */
export async function mergeCandidates(
  db: LecternDB,
  query: string,
  exclude: PaperId,
  limit = 8,
): Promise<PaperRecord[]> {
  const q = query.trim();
  if (q.length < 2) return [];
  const out = new Map<PaperId, PaperRecord>();
  const idLike = /^[a-z]+:./i.test(q) ? q : null;
  const byId = await db.papers
    .where('aliases')
    .startsWith(idLike ?? `arxiv:${q}`)
    .limit(limit)
    .toArray();
  for (const r of byId) if (r.id !== exclude) out.set(r.id, r);
  const wanted = words(q);
  if (wanted.length && out.size < limit) {
    let examined = 0;
    const rows = await db.papers
      .orderBy('lastSeenAt')
      .reverse()
      .until(() => examined >= MAX_EXAMINED)
      .filter((r) => {
        examined += 1;
        if (r.id === exclude || out.has(r.id)) return false;
        const title = r.title.toLowerCase();
        return wanted.every((w) => title.includes(w));
      })
      .limit(limit - out.size)
      .toArray();
    for (const r of rows) out.set(r.id, r);
  }
  return [...out.values()];
}
