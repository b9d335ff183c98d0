/** Display helpers for paper metadata (pure; no HTML is ever produced from page data). */

export function shortAuthors(authors: readonly string[], max = 3): string {
  if (authors.length === 0) return '';
  if (authors.length <= max) return authors.join(', ');
  return `${authors.slice(0, max).join(', ')} et al.`;
}

export function formatDate(epochMs: number | undefined): string {
  if (epochMs === undefined) return '';
  return new Date(epochMs).toISOString().slice(0, 10);
}
