/**
 * Deterministic synthetic papers for the 50,000-paper benchmark (`npm run seed`, `bench/library.ts`):
 * titles, authors, ~1,200-character abstracts whose words follow a long-tailed (Zipf-like) distribution over a
 * large vocabulary as real abstracts do, published dates, and the user data a kept library has (statuses,
 * tags, notes). Pure: the same seed gives the same library.
 */
import type { DetectedPaper, PaperStatus } from '../lib/model';

/** A small fast PRNG (mulberry32): numbers in [0, 1). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const split = (s: string) => s.trim().split(/\s+/);

export const TITLE_ADJECTIVES = split(`scalable efficient robust sparse contrastive generative adversarial hierarchical recurrent
  convolutional probabilistic bayesian causal multimodal federated differentiable unsupervised selfsupervised
  interpretable equivariant adaptive implicit neural latent stochastic variational autoregressive continual
  compositional geometric spectral quantum`);
export const TITLE_NOUNS = split(`transformers diffusion networks embeddings representations attention graphs policies
  kernels retrieval alignment distillation tokenizers agents priors manifolds operators encoders decoders
  ensembles optimizers gradients benchmarks datasets memories routers experts adapters prompts reasoning planning
  segmentation detection`);
export const TITLE_TASKS = split(`translation summarization classification forecasting captioning recommendation
  navigation manipulation localization reconstruction synthesis compression denoising tracking parsing
  theorem-proving protein-folding weather-prediction code-generation speech-recognition`);
export const FIRST_NAMES = split(`Ada Alan Grace Yoshua Geoffrey Fei Andrew Daphne Judea Yann Leslie Barbara Donald Edsger
  Tim Radia Margaret Shafi Silvio Cynthia Jeff Sanjay Ilya Oriol Demis Kaiming Ross Piotr Jitendra Alexei Chelsea
  Sergey Pieter Percy Christopher Dan Emily Timnit Joy Kate Samy Hugo Lukasz Noam Ashish Niki Jakob Llion Aidan
  Mirella Regina Tommi Tamara Luke Jianfeng Xiaodong Wei Li Jun Min`);
export const LAST_NAMES = split(`Lovelace Turing Hopper Bengio Hinton Li Ng Koller Pearl LeCun Lamport Liskov Knuth Dijkstra
  Berners-Lee Perlman Hamilton Goldwasser Micali Dwork Dean Ghemawat Sutskever Vinyals Hassabis He Girshick Dollar
  Malik Efros Finn Levine Abbeel Liang Manning Jurafsky Bender Gebru Buolamwini Crawford Bengio Larochelle Kaiser
  Shazeer Vaswani Parmar Uszkoreit Jones Gomez Lapata Barzilay Jaakkola Broderick Zettlemoyer Gao Song Wang Zhang Chen Liu`);
export const TAGS = split(`to-review survey baseline reproduce theory benchmark dataset vision nlp rl robotics
  optimization efficiency safety fairness interpretability generative multimodal retrieval graphs speech
  biology climate code math reading-group thesis related-work cite later`);
export const ACADEMIC = split(`we propose present show introduce study analyze demonstrate evaluate method approach framework
  model models results performance experiments tasks data training learning inference state art significantly
  improves outperforms existing prior work novel simple effective efficient across several benchmarks
  furthermore moreover however while although using based achieve achieves competitive strong baselines
  theoretical analysis empirical evidence suggests findings limitations future directions code available large
  scale small number parameters compute memory accuracy robustness generalization objective loss function
  optimization algorithm convergence guarantees bounds regime setting settings problem problems challenge`);
export const NOTE_WORDS = split(`revisit ablation compare reproduce appendix figure proof lemma table section cite
  related thesis chapter idea follow-up question unclear promising weak strong check email authors reading group
  slides discuss replicate`);

const SYLLABLES = split('ka lo mi tra zen vor quil bre dos fen gra hul jin mor nex pol rin sul tev wix');
const SUFFIXES = ['', 'ic', 'ation', 'ous', 'ity'];

/** The long tail of abstract vocabulary: 40,000 made-up technical words, most frequent first. */
export function tailWords(): string[] {
  const out: string[] = [];
  const rand = random(7);
  for (const a of SYLLABLES) for (const b of SYLLABLES) for (const c of SYLLABLES) for (const s of SUFFIXES) out.push(a + b + c + s);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface SyntheticPaper {
  entry: DetectedPaper;
  status: PaperStatus;
  tags: string[];
  note: string;
}

export interface SyntheticLibrary {
  papers(from: number, to: number): SyntheticPaper[];
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

/** Word `i` of a list drawn with a Zipf-like (log-uniform rank) distribution. */
function zipf<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.min(xs.length - 1, Math.floor(Math.pow(xs.length + 1, rand())) - 1)]!;
}

/** The synthetic library of `seed`: paper `n` is always the same paper. */
export function syntheticLibrary(seed: number): SyntheticLibrary {
  const tail = tailWords();
  const technical = [...TITLE_ADJECTIVES, ...TITLE_NOUNS, ...TITLE_TASKS];
  function paper(n: number): SyntheticPaper {
    const rand = random(seed * 1_000_003 + n);
    const templates = [
      () => `${cap(pick(rand, TITLE_ADJECTIVES))} ${pick(rand, TITLE_NOUNS)} for ${pick(rand, TITLE_TASKS)}`,
      () => `Towards ${pick(rand, TITLE_ADJECTIVES)} ${pick(rand, TITLE_TASKS)} via ${pick(rand, TITLE_NOUNS)}`,
      () => `On the ${pick(rand, TITLE_NOUNS)} of ${pick(rand, TITLE_ADJECTIVES)} ${pick(rand, TITLE_NOUNS)}`,
      () => `${cap(zipf(rand, tail))}: ${cap(pick(rand, TITLE_ADJECTIVES))} ${pick(rand, TITLE_NOUNS)} with ${pick(rand, TITLE_ADJECTIVES)} ${pick(rand, TITLE_NOUNS)}`,
    ];
    const title = `${pick(rand, templates)()} ${n}`;
    const authors = Array.from({ length: 1 + Math.floor(rand() * 7) }, () => `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_NAMES)}`);
    let abstract = '';
    while (abstract.length < 1200) {
      const r = rand();
      const word = r < 0.45 ? pick(rand, ACADEMIC) : r < 0.65 ? pick(rand, technical) : zipf(rand, tail);
      abstract += (abstract ? (rand() < 0.08 ? '. ' : ' ') : '') + word;
    }
    abstract = `${cap(abstract.slice(0, abstract.lastIndexOf(' ', 1199)))}.`;
    const year = 2015 + Math.floor(rand() * 12);
    const published = `${year}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`;
    const id = `arxiv:${String(year % 100).padStart(2, '0')}${pad(1 + (n % 12))}.${String(n).padStart(5, '0')}`;
    const s = rand();
    const status: PaperStatus = s < 0.1 ? 'unread' : s < 0.13 ? 'reading' : s < 0.18 ? 'read' : s < 0.2 ? 'dismissed' : 'seen';
    const tags = status !== 'seen' && rand() < 0.4 ? [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(rand, TAGS)))] : [];
    const note =
      status !== 'seen' && rand() < 0.25
        ? Array.from({ length: 4 + Math.floor(rand() * 12) }, () => (rand() < 0.7 ? pick(rand, NOTE_WORDS) : pick(rand, technical))).join(' ')
        : '';
    return {
      entry: { id, aliases: [id], title, authors, abstract, published, links: { abs: `https://arxiv.org/abs/${id.slice(6)}` } },
      status,
      tags,
      note,
    };
  }
  return {
    papers: (from, to) => Array.from({ length: Math.max(0, to - from) }, (_, i) => paper(from + i)),
  };
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Listing pages the synthetic papers were seen on, by batch. */
export const SEED_PAGES = [
  'https://arxiv.org/list/cs.LG/pastweek?show=2000',
  'https://huggingface.co/papers/trending',
  'https://scholar.google.com/scholar?q=transformers',
  'https://www.semanticscholar.org/search?q=diffusion',
  'https://openreview.net/group?id=ICLR.cc/2025/Conference',
];
