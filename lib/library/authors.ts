/** Short author lists for list rows (pure): "A. Vaswani, N. Shazeer, … +6". */

/** "Ashish Vaswani" → "A. Vaswani"; "Vaswani, Ashish" → "A. Vaswani"; one-word names stay. */
export function initialName(name: string): string {
  const trimmed = name.replace(/\s+/g, ' ').trim();
  const comma = trimmed.indexOf(',');
  const [given, family] =
    comma > 0 ? [trimmed.slice(comma + 1).trim(), trimmed.slice(0, comma).trim()] : splitLast(trimmed);
  if (!given) return family;
  const initials = given
    .split(/[\s]+/)
    .filter(Boolean)
    .map((part) => part.split('-').map((p) => (p ? `${[...p][0]!.toUpperCase()}.` : '')).join('-'))
    .join(' ');
  return `${initials} ${family}`;
}

function splitLast(name: string): [string, string] {
  const space = name.lastIndexOf(' ');
  return space === -1 ? ['', name] : [name.slice(0, space), name.slice(space + 1)];
}

/** The first `shown` authors with initials, then "… +N" for the rest. */
export function shortAuthorList(authors: readonly string[], shown = 2): string {
  const names = authors.filter((a) => a.trim() !== '');
  if (names.length <= shown + 1) return names.map(initialName).join(', ');
  return `${names.slice(0, shown).map(initialName).join(', ')}, … +${String(names.length - shown)}`;
}
