/**
 * One paper met on two sites is one library record whichever page is visited first: the entries' aliases
 * meet, and when a later page proves two records one paper, they are merged (the older stays).
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { recordBatch } from '../../lib/db/record';
import { openLecternDb } from '../../lib/db/schema';
import type { DetectedPaper } from '../../lib/model';
import { detectPage } from '../../lib/sites/registry';
import { parseHtml } from '../helpers/dom';
import { fixtureCase } from '../helpers/fixtures';

interface Visit {
  url: string;
  paper: DetectedPaper;
}

function visitOf(html: string, url: string): Visit {
  const paper = detectPage(parseHtml(html), url).papers[0];
  if (!paper) throw new Error(`nothing detected at ${url}`);
  return { url, paper };
}

async function recordInOrder(visits: Visit[]): Promise<{ ids: string[]; aliases: string[] }> {
  const db = openLecternDb(`identity-${Math.random().toString(36).slice(2)}`);
  try {
    let now = 1_000_000;
    for (const visit of visits) await recordBatch(db, { url: visit.url, entries: [visit.paper], now: (now += 60_000) });
    const papers = await db.papers.toArray();
    return { ids: papers.map((p) => p.id), aliases: papers.flatMap((p) => p.aliases) };
  } finally {
    db.close();
    await Dexie.delete(db.name);
  }
}

const RESNET = 'Deep Residual Learning for Image Recognition';
const journal = visitOf(
  `<head><meta name="citation_title" content="${RESNET}"><meta name="citation_doi" content="10.1109/CVPR.2016.90">
   <meta name="dc.identifier" content="doi:10.48550/arXiv.1512.03385"></head><body><h1>${RESNET}</h1></body>`,
  'https://ieeexplore.ieee.org/document/7780459',
);
const dblp = visitOf(
  `<ul class="publ-list"><li class="entry inproceedings" id="conf/cvpr/HeZRS16"><nav class="publ"><ul><li class="drop-down"><div class="body"><ul>
   <li class="ee"><a href="https://doi.org/10.1109/CVPR.2016.90">DOI</a></li></ul></div></li></ul></nav>
   <cite class="data"><span itemprop="author"><span itemprop="name">Kaiming He</span></span>: <span class="title" itemprop="name">${RESNET}.</span></cite></li></ul>`,
  'https://dblp.org/db/conf/cvpr/cvpr2016.html',
);
const arxivAbs = visitOf(`<head><meta name="citation_title" content="${RESNET}"></head>`, 'https://arxiv.org/abs/1512.03385');

const hf = fixtureCase('huggingface/hf-paper-page');
const hfVisit = visitOf(hf.html(), hf.url);
const hfDailyCase = fixtureCase('huggingface/hf-daily-2026-09-28');
const hfDaily: Visit = {
  url: hfDailyCase.url,
  paper: detectPage(parseHtml(hfDailyCase.html()), hfDailyCase.url).papers.find((p) => p.id === 'arxiv:2609.31620')!,
};

describe('one record whichever site comes first', () => {
  it.each([
    ['journal (DOI + arXiv DOI) and dblp (DOI)', [journal, dblp]],
    ['arXiv abs and the journal page', [arxivAbs, journal]],
    ['Hugging Face paper page and a Hugging Face daily listing', [hfVisit, hfDaily]],
  ] as const)('%s', async (_name, pair) => {
    for (const order of [[...pair], [...pair].reverse()]) {
      const { ids, aliases } = await recordInOrder(order);
      expect(ids, order.map((v) => v.url).join(' then ')).toHaveLength(1);
      for (const visit of order) expect(aliases).toEqual(expect.arrayContaining(visit.paper.aliases));
    }
  });

  it('dblp (DOI) then arXiv (arXiv id) are two records until the journal page proves them one', async () => {
    expect((await recordInOrder([dblp, arxivAbs])).ids).toHaveLength(2);
    const merged = await recordInOrder([dblp, arxivAbs, journal]);
    // The older record (first seen on dblp) stays, under its DOI.
    expect(merged.ids).toEqual(['doi:10.1109/cvpr.2016.90']);
    expect(merged.aliases).toContain('arxiv:1512.03385');
  });
});
