export * from './errors.ts';
export * from './access.ts';
export * from './api/common.ts';
export * from './api/auth.ts';
export * from './api/geography.ts';
export * from './api/organisations.ts';
export * from './api/system.ts';
export * from './thai.ts';
