import { UNIT_TYPE_LABELS, UNIT_TYPES } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { en } from '../../../i18n/en.ts';
import { th } from '../../../i18n/th.ts';

describe('unit type names', () => {
  it('are the names the units import reads, so a type copied from the screen into a file is recognised', () => {
    for (const type of UNIT_TYPES) {
      expect(th.units.type[type], type).toBe(UNIT_TYPE_LABELS[type].th);
      expect(en.units.type[type], type).toBe(UNIT_TYPE_LABELS[type].en);
    }
  });
});
