#!/usr/bin/env node
// `npm audit` at high severity, for CI. Fails (1) when the advisory database lists a high or critical
// vulnerability in any installed package. When the registry cannot be asked at all — some networks pass
// only GET requests to the registry, and the advisory endpoint is a POST — it says so loudly and exits 0,
// because that is not a finding; set NPM_AUDIT_REQUIRED=1 to make that a failure (2) as well.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--audit-level=high', '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  process.stderr.write(`npm audit gave no report:\n${run.stderr}\n`);
  process.exit(2);
}

if (!report.metadata?.vulnerabilities) {
  const reason = report.message ?? report.error?.summary ?? 'no answer';
  process.stderr.write(`\n!! npm audit could not reach the advisory database: ${reason}\n`);
  process.stderr.write('!! Nothing was checked. Run `npm audit --audit-level=high` where the registry allows it.\n\n');
  process.exit(process.env.NPM_AUDIT_REQUIRED === '1' ? 2 : 0);
}

const counts = report.metadata.vulnerabilities;
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
process.stdout.write(
  `npm audit: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ` +
    `${counts.low ?? 0} low in ${report.metadata.dependencies?.total ?? '?'} packages\n`,
);
for (const [name, advisory] of Object.entries(report.vulnerabilities ?? {}))
  if (advisory.severity === 'high' || advisory.severity === 'critical')
    process.stdout.write(
      `  ${advisory.severity}: ${name} ${advisory.range ?? ''}${advisory.fixAvailable ? ' (fix available)' : ''}\n`,
    );
process.exit(serious > 0 ? 1 : 0);
