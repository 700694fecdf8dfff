import type { Agency } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { agenciesWithUnits } from './agency-order.ts';

function agency(code: string, unitCount: number, parentId: string | null = null): Agency {
  return { id: `id-${code}`, parentId, code, abbrTh: null, nameTh: code, nameEn: null, unitCount };
}

describe('agenciesWithUnits', () => {
  it('lists agencies that hold units, largest first, each with its parent', () => {
    const ministry = agency('MSDHS', 0);
    const list = agenciesWithUnits([
      ministry,
      agency('MSDHS-DCY', 6, ministry.id),
      agency('MSDHS-OPS', 77, ministry.id),
      agency('RTP', 11),
    ]);
    expect(list.map(({ agency: item }) => item.code)).toEqual(['MSDHS-OPS', 'RTP', 'MSDHS-DCY']);
    expect(list[0]?.parent?.code).toBe('MSDHS');
    expect(list[1]?.parent).toBeNull();
  });
});
