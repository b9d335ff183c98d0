/** The reader's typography choices, kept in the extension's own localStorage (extension pages only). */
export type ReaderTheme = 'light' | 'dark';

export interface ReaderPrefs {
  theme: ReaderTheme;
  /** Body text size in pixels. */
  fontSize: number;
}

export const FONT_SIZES = { min: 14, max: 26, step: 1, initial: 19 } as const;
const KEY = 'lectern.reader';

export function defaultPrefs(prefersDark: boolean): ReaderPrefs {
  return { theme: prefersDark ? 'dark' : 'light', fontSize: FONT_SIZES.initial };
}

export function loadPrefs(storage: Pick<Storage, 'getItem'>, prefersDark: boolean): ReaderPrefs {
  const fallback = defaultPrefs(prefersDark);
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<ReaderPrefs> | null;
    if (!raw) return fallback;
    const theme = raw.theme === 'dark' || raw.theme === 'light' ? raw.theme : fallback.theme;
    const size = typeof raw.fontSize === 'number' ? Math.round(raw.fontSize) : fallback.fontSize;
    return { theme, fontSize: Math.min(FONT_SIZES.max, Math.max(FONT_SIZES.min, size)) };
  } catch {
    return fallback;
  }
}

export function savePrefs(storage: Pick<Storage, 'setItem'>, prefs: ReaderPrefs): void {
  try {
    storage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // A full or unavailable storage only loses the preference.
  }
}
