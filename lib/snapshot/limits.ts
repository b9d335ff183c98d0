/** Sizes of readable copies, shared by the request validation (content side) and the writer (lib/db). */

/** Largest snapshot kept: its HTML and text together, in characters (images are inside the HTML). */
export const MAX_SNAPSHOT_CHARS = 12_000_000;
