/**
 * Person names as metadata gives them.
 */

/** 'Vaswani, Ashish' → 'Ashish Vaswani'; names without exactly one comma are returned as they are. */
export function displayName(raw: string): string {
  const name = raw.replace(/\s+/g, ' ').trim();
  const parts = name.split(',');
  if (parts.length !== 2) return name;
  const family = parts[0]!.trim();
  const given = parts[1]!.trim();
  if (!family || !given) return name.replace(/,/g, '').trim();
  return `${given} ${family}`;
}
