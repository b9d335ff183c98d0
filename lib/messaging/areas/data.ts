/**
 * Data safety requests (extension pages only): restoring the safety copy after the database was lost, or
 * declining to. Part of `Requests` in `../protocol.ts`; validated by `./data-schemas.ts`, handled by
 * `lib/service/handlers/data.ts`. Each request is `[data, answer]`.
 */
export interface DataRequests {
  /** Merges the safety copy into the library; answers how many papers and highlights it wrote. */
  'data.restoreSafetyCopy': [Record<string, never>, { papers: number; highlights: number }];
  /** Clears the "database lost" alarm without restoring (the copy is set aside, not deleted). */
  'data.dismissLoss': [Record<string, never>, null];
}
