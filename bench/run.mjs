#!/usr/bin/env node
// `npm run bench`: runs the benchmarks (TypeScript, through tsx). Not part of `npm test`.
import { register } from 'tsx/esm/api';

register();
await import('./platform.bench.ts');
await import('./import-users.bench.ts');
await import('./units.bench.ts');
await import('./alarms.bench.ts');
await import('./reports.bench.ts');
await import('./privacy.bench.ts');
await import('./intake.bench.ts');
