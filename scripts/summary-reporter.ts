/**
 * Vitest reporter that ends the run with one plain line, "Tests: N passed, N failed, N skipped",
 * which CI reads (Vitest's own summary is coloured and spread over several lines). A test file
 * that fails to load counts as one failure, so a broken import can never look like success; so do
 * errors outside tests and a run with no test at all.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown> = []) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of testModules) {
      if (m.errors().length > 0) failed++;
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    // an error outside any test (a global setup that could not load) and a run that ran no test
    // are failures, whatever exit code the runner would otherwise give
    failed += unhandledErrors.length;
    if (passed === 0 && failed === 0) failed = 1;
    if (failed > 0) {
      process.exitCode = 1;
      // Vitest may still exit with 0 after a failed global setup; the last word is ours
      process.on('exit', () => {
        process.exitCode = 1;
      });
    }
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
