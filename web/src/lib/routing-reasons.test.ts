import type { RoutingDecision } from '@oscc/contract';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { routingReasons } from './routing-reasons.ts';

const base: RoutingDecision = {
  unitId: '00000000-0000-4000-8000-000000000001',
  unitNameTh: 'หน่วย',
  kind: 'area',
  areaLevel: 'district',
  areaCode: '7001',
  leadAgency: true,
  open24Hours: false,
  reason: 'district 7001 area, lead agency',
};

describe('routing reasons', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'en', resources: { en: { translation: en } } });
  });

  it('explains the matched rule from its fields, the triage queue, or the reason staff wrote', () => {
    const t = i18next.t;
    const area = routingReasons(base, 'Mueang Ratchaburi', t);
    expect(area).toHaveLength(2);
    expect(area[0]).toContain('Mueang Ratchaburi');
    expect(area[1]).toBe(t('intake.reason.lead'));
    expect(routingReasons(base, null, t)[0]).toContain('7001');
    expect(routingReasons({ ...base, kind: 'triage', unitId: null }, null, t)).toEqual([
      t('intake.saved.triageReason'),
    ]);
    expect(routingReasons({ ...base, kind: 'manual', reason: 'ย้ายไปราชบุรี' }, null, t)).toEqual(['ย้ายไปราชบุรี']);
  });
});
