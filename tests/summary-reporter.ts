import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends a run with one plain line, `<project>: N passed, N failed[, N skipped]`, so that whatever reads the
 * log (CI included) sees the outcome without parsing Vitest's own summary.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const projects = new Set<string>();
    for (const module of testModules) {
      projects.add(module.project.name || 'tests');
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
      if (module.state() === 'failed' && !module.children.size) counts.failed++;
    }
    const label = [...projects].join('+') || 'tests';
    const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
    console.log(`\n${label}: ${counts.passed} passed, ${counts.failed} failed${skipped}`);
  }
}
