export { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount, type SeedDemoResult } from './seed-demo.ts';
export { seedDemoCases, type DemoCasesResult } from './demo-cases.ts';
