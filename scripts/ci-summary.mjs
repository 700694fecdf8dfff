#!/usr/bin/env node
// Adds up Vitest's JSON reports into the one closing line CI is read by.
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // Whatever neither passed nor failed was skipped (or left for later).
  skipped += report.numTotalTests - report.numPassedTests - report.numFailedTests;
}
process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
