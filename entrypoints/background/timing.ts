/**
 * Request timings in the service worker's User Timing buffer (`performance.getEntriesByName(name)`), read by
 * the benchmark. Bounded, so a long-lived worker does not grow it without end.
 */
const MAX_MEASURES = 500;

export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    if (performance.getEntriesByType('measure').length >= MAX_MEASURES) performance.clearMeasures();
    performance.measure(name, { start, end: performance.now() });
  }
}
