/**
 * Highlights as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), JSON-LD: one
 * `AnnotationCollection` whose single page holds an `Annotation` per highlight. Each targets the page it was
 * made on with its stored selectors (TextQuoteSelector, TextPositionSelector); its note is a commenting
 * `TextualBody`, its colour a tagging one; the paper is the target's `scope` (its landing page) and a
 * `dcterms:relation` to its library id.
 */
import type { HighlightRecord } from '../model';
import type { HighlightGroup } from './highlights-group';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  format: 'text/plain' | 'text/markdown';
  purpose: 'commenting' | 'tagging';
}

export interface WebAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting';
  created: string;
  modified: string;
  body: TextualBody[];
  target: {
    source: string;
    scope?: string;
    selector: HighlightRecord['selectors'];
  };
  'dcterms:relation'?: string;
}

export interface AnnotationCollection {
  '@context': (string | Record<string, string>)[];
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generated: string;
  first: { type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function toWebAnnotation(highlight: HighlightRecord, group?: HighlightGroup): WebAnnotation {
  const body: TextualBody[] = [];
  const note = highlight.note.trim();
  if (note) body.push({ type: 'TextualBody', value: note, format: 'text/markdown', purpose: 'commenting' });
  body.push({ type: 'TextualBody', value: highlight.color, format: 'text/plain', purpose: 'tagging' });
  const scope = group?.paper?.links?.abs ?? group?.paper?.links?.page;
  const annotation: WebAnnotation = {
    id: `urn:lectern:highlight:${encodeURIComponent(highlight.id)}`,
    type: 'Annotation',
    motivation: note ? 'commenting' : 'highlighting',
    created: iso(highlight.createdAt),
    modified: iso(highlight.updatedAt),
    body,
    target: {
      source: highlight.url,
      ...(scope && scope !== highlight.url ? { scope } : {}),
      selector: highlight.selectors.map((selector) => ({ ...selector })),
    },
  };
  if (highlight.paperId) annotation['dcterms:relation'] = `urn:lectern:paper:${highlight.paperId}`;
  return annotation;
}

/** One JSON-LD document for the groups (one paper's or all highlights). */
export function highlightsToAnnotations(groups: readonly HighlightGroup[], generatedAt: number, label = 'Lectern highlights'): AnnotationCollection {
  const items = groups.flatMap((group) => group.highlights.map((highlight) => toWebAnnotation(highlight, group)));
  return {
    '@context': [ANNOTATION_CONTEXT, { dcterms: 'http://purl.org/dc/terms/' }],
    type: 'AnnotationCollection',
    label,
    total: items.length,
    generated: iso(generatedAt),
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}
