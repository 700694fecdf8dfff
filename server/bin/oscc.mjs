#!/usr/bin/env node
// The operators' command line: `npx oscc <command>` (see `npx oscc --help`).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
