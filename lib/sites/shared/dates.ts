/**
 * Dates as pages display them, turned into 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, '');
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)];
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function ymd(y: number, m: number, d?: number): string | undefined {
  if (y < 1000 || y > 9999 || m < 1 || m > 12) return undefined;
  if (d === undefined) return `${y}-${pad(m)}`;
  if (d < 1 || d > 31) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * Accepts '2017/06/12', '2017-06-12', ISO timestamps ('2026-09-25T00:00:00.000Z': the date part as written),
 * '12 Jun 2017', '2 April, 2007', 'June 12, 2017', 'April 2007', '2012 Nov 26', '2017-06', '2017'.
 */
export function toIsoDate(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.replace(/\s+/g, ' ').trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T ])/.exec(s);
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})[-/](\d{1,2})$/.exec(s);
  if (m) return ymd(+m[1]!, +m[2]!);
  // '2012 Nov 26', '2015 May' (PubMed, PMC).
  m = /^(\d{4}) ([A-Za-z]{3,9})\.?(?: (\d{1,2}))?\b/.exec(s);
  if (m) {
    const month = monthNumber(m[2]!);
    if (month) return m[3] === undefined ? ymd(+m[1]!, month) : ymd(+m[1]!, month, +m[3]);
  }
  m = /\b(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9})\.?,? (\d{4})\b/.exec(s);
  if (m) {
    const month = monthNumber(m[2]!);
    if (month) return ymd(+m[3]!, month, +m[1]!);
  }
  m = /\b([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})\b/.exec(s);
  if (m) {
    const month = monthNumber(m[1]!);
    if (month) return ymd(+m[3]!, month, +m[2]!);
  }
  m = /\b([A-Za-z]{3,9})\.?,? (\d{4})\b/.exec(s);
  if (m) {
    const month = monthNumber(m[1]!);
    if (month) return ymd(+m[2]!, month);
  }
  m = /^(\d{4})$/.exec(s);
  if (m) return m[1];
  return undefined;
}
