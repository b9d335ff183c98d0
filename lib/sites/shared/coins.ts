/**
 * COinS (ContextObjects in Spans): `<span class="Z3988" title="ctx_ver=Z39.88-2004&rft.atitle=…">`, an
 * OpenURL key/value string describing one work. Pages that cite many works carry one span per citation, so
 * a span only describes the page itself when it is the page's only one (decided by the caller).
 */
import type { PaperId } from '../../model';
import { idsFromText, idsFromUrl } from '../../ids';
import { displayName } from './names';
import { collapse, uniq } from './text';

export interface Coins {
  title?: string;
  authors: string[];
  ids: PaperId[];
  venue?: string;
  date?: string;
}

/** The COinS spans of the document. */
export function coinsSpans(doc: Document): Element[] {
  const out: Element[] = [];
  const spans = doc.getElementsByClassName('Z3988');
  for (let i = 0; i < spans.length; i++) if (spans[i]!.getAttribute('title')) out.push(spans[i]!);
  return out;
}

/** Parse one COinS span; undefined when its title attribute is not a ContextObject. */
export function readCoins(span: Element): Coins | undefined {
  const raw = span.getAttribute('title');
  if (!raw || !/(?:^|&)(?:ctx_ver|rft[._])/.test(raw)) return undefined;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(raw);
  } catch {
    return undefined;
  }
  const get = (key: string) => collapse(params.get(key)) || undefined;
  const authors: string[] = [];
  for (const au of params.getAll('rft.au')) {
    const name = displayName(au);
    if (name) authors.push(name);
  }
  if (!authors.length) {
    const last = get('rft.aulast');
    const first = get('rft.aufirst') ?? get('rft.auinit');
    if (last) authors.push(first ? `${first} ${last}` : last);
  }
  const ids: PaperId[] = [];
  for (const id of params.getAll('rft_id')) {
    const t = id.trim();
    if (/^info:doi\//i.test(t)) ids.push(...idsFromText(`doi:${t.slice(9)}`));
    else if (/^info:pmid\//i.test(t)) ids.push(...idsFromText(`PMID: ${t.slice(10)}`));
    else if (/^info:arxiv\//i.test(t)) ids.push(...idsFromText(`arXiv:${t.slice(11)}`));
    else if (/^https?:\/\//i.test(t)) ids.push(...idsFromUrl(t).ids);
  }
  const doi = get('rft.doi');
  if (doi) ids.push(...idsFromText(`doi:${doi}`));
  return {
    title: get('rft.atitle') ?? get('rft.btitle') ?? get('rft.title'),
    authors,
    ids: uniq(ids),
    venue: get('rft.jtitle') ?? (get('rft.atitle') ? get('rft.title') : undefined),
    date: get('rft.date'),
  };
}
