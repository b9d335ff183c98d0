/**
 * Hosts the content script runs on, as match patterns. Kept apart from the adapters so that the
 * build configuration can import it without pulling in DOM code.
 */
export const CONTENT_SCRIPT_HOSTS: string[] = [
  'https://arxiv.org/*',
  'https://www.arxiv.org/*',
  'https://export.arxiv.org/*',
  'https://ar5iv.labs.arxiv.org/*',
  'https://ar5iv.org/*',
  'https://huggingface.co/papers*',
  'https://huggingface.co/papers/*',
];
