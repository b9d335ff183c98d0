import { useState } from 'preact/hooks';
import { siteKeyOf } from '../../lib/settings';

/** A host name as typed (`scholar.google.com`, a URL, `www.arxiv.org`) as a site key, or an error message. */
export function parseSite(input: string): { site: string } | { error: string } {
  const text = input.trim();
  if (!text) return { error: 'Type a site, e.g. scholar.google.com.' };
  const site = siteKeyOf(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  if (!site || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(site)) return { error: `“${text.slice(0, 80)}” is not a site name.` };
  return { site };
}

/** The sites where Lectern is switched off: listed, each can be switched back on; one can be added. */
export function SitesOff({ sites, onChange }: { sites: readonly string[]; onChange(sites: string[]): void }) {
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = (event: Event) => {
    event.preventDefault();
    const parsed = parseSite(input);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setInput('');
    if (!sites.includes(parsed.site)) onChange([...sites, parsed.site].sort());
  };
  return (
    <section class="options-section" aria-labelledby="sites-heading">
      <h2 id="sites-heading">Sites</h2>
      <p class="muted">On a site switched off, Lectern detects nothing and shows no badges.</p>
      {sites.length === 0 ? (
        <p class="muted">Lectern is on everywhere it can read.</p>
      ) : (
        <ul class="sites-off" aria-label="Sites switched off">
          {sites.map((site) => (
            <li key={site}>
              <span>{site}</span>
              <button type="button" onClick={() => onChange(sites.filter((s) => s !== site))} aria-label={`Switch Lectern back on at ${site}`}>
                Switch on
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="row" onSubmit={add} noValidate>
        <label for="site-off-input">Switch off on</label>
        <input
          id="site-off-input"
          type="text"
          inputMode="url"
          placeholder="scholar.google.com"
          value={input}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={error ? 'site-off-error' : undefined}
          onInput={(event) => setInput((event.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit">Switch off</button>
      </form>
      {error && (
        <p id="site-off-error" class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
