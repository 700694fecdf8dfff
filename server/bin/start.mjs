#!/usr/bin/env node
// Starts the OSCC server (or, with --worker, only the background jobs).
// tsx runs the TypeScript sources directly, on every supported Node.js.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main(process.argv.includes('--worker') ? 'worker' : 'server');
