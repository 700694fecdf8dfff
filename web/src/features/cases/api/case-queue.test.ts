import { describe, expect, it } from 'vitest';
import { parseCaseQueue } from './cases.ts';

describe('parseCaseQueue', () => {
  it('reads the three queues from the address bar', () => {
    expect(parseCaseQueue('triage')).toBe('triage');
    expect(parseCaseQueue('mine')).toBe('mine');
    expect(parseCaseQueue('screening')).toBe('screening');
  });
  it('falls back to the screening queue for anything else', () => {
    expect(parseCaseQueue(null)).toBe('screening');
    expect(parseCaseQueue('')).toBe('screening');
    expect(parseCaseQueue('everything')).toBe('screening');
  });
});
