/**
 * Scholarly works described in a page's JSON-LD (`<script type="application/ld+json">`): ScholarlyArticle
 * and its kin, with their names, authors and identifiers. Page data is untrusted: every value is checked.
 */
import type { PaperId } from '../../model';
import { idsFromText, idsFromUrl } from '../../ids';
import { type JsonRecord, asRecord, asString, parseJson } from './json';
import { collapse, uniq } from './text';

/** Types that are scholarly works by themselves. */
const SCHOLARLY_TYPES = new Set(['scholarlyarticle', 'medicalscholarlyarticle']);
/** Types that describe a paper only when they carry an identifier (news sites use `Article` too). */
const WORK_TYPES = new Set(['article', 'report', 'thesis', 'chapter', 'book', 'creativework', 'publicationissue']);

export interface JsonLdWork {
  /** ScholarlyArticle or MedicalScholarlyArticle. */
  scholarly: boolean;
  title?: string;
  authors: string[];
  ids: PaperId[];
  abstract?: string;
  description?: string;
  published?: string;
  venue?: string;
  url?: string;
}

function typesOf(node: JsonRecord): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  const out: string[] = [];
  for (const v of list) {
    const s = asString(v);
    if (s) out.push(s.replace(/^.*[/#:]/, '').toLowerCase());
  }
  return out;
}

function text(value: unknown): string | undefined {
  const s = asString(value);
  if (s) return collapse(s) || undefined;
  const rec = asRecord(value);
  // {"@value": "…"} or {"@language": …, "@value": …}
  if (rec) return text(rec['@value']);
  if (Array.isArray(value)) return text(value[0]);
  return undefined;
}

function personName(value: unknown): string | undefined {
  const s = asString(value);
  if (s) return collapse(s) || undefined;
  const rec = asRecord(value);
  if (!rec) return undefined;
  const name = text(rec.name);
  if (name) return name;
  const given = text(rec.givenName);
  const family = text(rec.familyName);
  return collapse(`${given ?? ''} ${family ?? ''}`) || undefined;
}

function idsOfString(s: string): PaperId[] {
  const t = s.trim();
  if (/^https?:\/\//i.test(t)) return idsFromUrl(t).ids;
  return idsFromText(t);
}

/** Ids from `identifier`, `sameAs`, `@id`, `url`, `doi`: strings, URLs or PropertyValue objects. */
function idsOf(value: unknown, depth = 0): PaperId[] {
  if (depth > 3) return [];
  const s = asString(value);
  if (s !== undefined) return idsOfString(s);
  if (Array.isArray(value)) return value.flatMap((v) => idsOf(v, depth + 1));
  const rec = asRecord(value);
  if (!rec) return [];
  const prop = (asString(rec.propertyID) ?? asString(rec.name) ?? '').trim().toLowerCase();
  const v = asString(rec.value) ?? (typeof rec.value === 'number' ? String(rec.value) : undefined);
  if (v !== undefined) {
    if (prop === 'doi') return idsFromText(`doi:${v}`);
    if (prop === 'arxiv') return idsFromText(`arXiv:${v.replace(/^arxiv:\s*/i, '')}`);
    if (prop === 'pmid' || prop === 'pubmed') return idsFromText(`PMID: ${v}`);
    if (prop === 'pmcid' || prop === 'pmc') return idsFromText(v);
    return idsOfString(v);
  }
  return idsOf(rec['@id'], depth + 1);
}

function venueOf(value: unknown, depth = 0): string | undefined {
  if (depth > 3) return undefined;
  const rec = asRecord(Array.isArray(value) ? value[0] : value);
  if (!rec) return undefined;
  const types = typesOf(rec);
  if (types.some((t) => t === 'periodical' || t === 'publicationvolume' || t === 'publicationissue' || t === 'book')) {
    const name = text(rec.name);
    if (name && (types.includes('periodical') || types.includes('book'))) return name;
    return venueOf(rec.isPartOf, depth + 1) ?? name;
  }
  return text(rec.name);
}

function work(node: JsonRecord, types: string[]): JsonLdWork {
  const authors: string[] = [];
  const raw = node.author ?? node.creator;
  for (const a of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
    const name = personName(a);
    if (name) authors.push(name);
  }
  const url = asString(node.url);
  return {
    scholarly: types.some((t) => SCHOLARLY_TYPES.has(t)),
    title: text(node.headline) ?? text(node.name),
    authors,
    ids: uniq([...idsOf(node.identifier), ...idsOf(node.sameAs), ...idsOf(node['@id']), ...idsOf(url), ...idsOf(node.doi)]),
    abstract: text(node.abstract),
    description: text(node.description),
    published: text(node.datePublished) ?? text(node.dateCreated),
    venue: venueOf(node.isPartOf),
    url: url && /^https?:\/\//i.test(url) ? url : undefined,
  };
}

function visit(value: unknown, out: JsonLdWork[], depth: number): void {
  if (depth > 4 || out.length > 20) return;
  if (Array.isArray(value)) {
    for (const v of value) visit(v, out, depth + 1);
    return;
  }
  const node = asRecord(value);
  if (!node) return;
  const types = typesOf(node);
  if (types.some((t) => SCHOLARLY_TYPES.has(t) || WORK_TYPES.has(t))) out.push(work(node, types));
  if (node['@graph'] !== undefined) visit(node['@graph'], out, depth + 1);
  if (node.mainEntity !== undefined) visit(node.mainEntity, out, depth + 1);
}

/** The works the page's JSON-LD describes, in document order. Malformed blocks are skipped. */
export function jsonLdWorks(doc: Document): JsonLdWork[] {
  const out: JsonLdWork[] = [];
  const scripts = doc.getElementsByTagName('script');
  for (let i = 0; i < scripts.length; i++) {
    const s = scripts[i]!;
    const type = s.getAttribute('type');
    if (!type || type.trim().toLowerCase() !== 'application/ld+json') continue;
    visit(parseJson(s.textContent), out, 0);
  }
  return out;
}

/**
 * The one scholarly work a page describes: a ScholarlyArticle, or another work type with an identifier.
 * None when the page describes several (a listing, not a paper page).
 */
export function scholarlyJsonLd(doc: Document): JsonLdWork | undefined {
  const works = jsonLdWorks(doc).filter((w) => w.title && (w.scholarly || w.ids.length > 0));
  return works.length === 1 ? works[0] : undefined;
}
