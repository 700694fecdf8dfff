import { CHANNELS, CONTACT_OUTCOMES, RecordContactRequest, thaiIdCheckDigit } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { th } from '../../../i18n/th.ts';
import {
  callerLookupNumber,
  emptyIntakeForm,
  emptyPerson,
  handToAfterPlaceChange,
  intakeProblems,
  mostSpecificAreaCode,
  outcomeForKey,
  personIdProblem,
  socialWorkerLabel,
  toRecordContactRequest,
  type IntakeFormValues,
} from './intake-form.ts';

const VALID_ID = `110120002345${thaiIdCheckDigit('110120002345')}`;
const NO_MODIFIERS = { altKey: false, ctrlKey: false, metaKey: false };

function aCaseForm(overrides: Partial<IntakeFormValues> = {}): IntakeFormValues {
  return {
    ...emptyIntakeForm(),
    callerPhone: '081-234-5678',
    outcome: 'case',
    summary: '  แจ้งเหตุทำร้ายร่างกาย  ',
    problemTypes: ['violence', 'domestic_violence'],
    crisis: true,
    severity: 4,
    place: { provinceCode: '70', districtCode: '7001', subdistrictCode: '700101' },
    address: ' ซอย 5 ',
    narrative: ' ผู้แจ้งได้ยินเสียงทำร้ายร่างกาย ',
    anonymous: true,
    relation: 'neighbour',
    people: [
      {
        ...emptyPerson('victim'),
        name: ' นางสาวมะลิ ',
        idType: 'thai_id',
        idNumber: VALID_ID,
        estimatedAge: '34',
        birthDate: '1992-01-01',
        sex: 'female',
      },
    ],
    ...overrides,
  };
}

describe('mostSpecificAreaCode', () => {
  it('sends the subdistrict when one is chosen, else the district, else the province', () => {
    expect(mostSpecificAreaCode({ provinceCode: '70', districtCode: '7001', subdistrictCode: '700101' })).toBe(
      '700101',
    );
    expect(mostSpecificAreaCode({ provinceCode: '70', districtCode: '7001', subdistrictCode: '' })).toBe('7001');
    expect(mostSpecificAreaCode({ provinceCode: '70', districtCode: '', subdistrictCode: '' })).toBe('70');
    expect(mostSpecificAreaCode({ provinceCode: '', districtCode: '', subdistrictCode: '' })).toBeNull();
  });
});

describe('toRecordContactRequest', () => {
  it('sends a quick outcome with the number and summary only, dropping a case typed before switching', () => {
    const request = toRecordContactRequest(aCaseForm({ outcome: 'advice' }));
    expect(request).toEqual({
      channel: 'hotline',
      outcome: 'advice',
      callerPhone: '081-234-5678',
      summary: 'แจ้งเหตุทำร้ายร่างกาย',
    });
  });

  it('leaves out an empty number and summary (a silent call has neither)', () => {
    expect(toRecordContactRequest({ ...emptyIntakeForm(), outcome: 'silent' })).toEqual({
      channel: 'hotline',
      outcome: 'silent',
    });
  });

  it('maps a case to the contract, trimmed, with the most specific area and the age winning over a birth date', () => {
    const request = toRecordContactRequest(aCaseForm());
    expect(request.case).toEqual({
      problemTypes: ['violence', 'domestic_violence'],
      crisis: true,
      severity: 4,
      location: { areaCode: '700101', address: 'ซอย 5' },
      narrative: 'ผู้แจ้งได้ยินเสียงทำร้ายร่างกาย',
      reporter: { anonymous: true, relation: 'neighbour' },
      people: [
        {
          role: 'victim',
          name: 'นางสาวมะลิ',
          idType: 'thai_id',
          idNumber: VALID_ID,
          estimatedAge: 34,
          sex: 'female',
          disability: false,
        },
      ],
    });
    // What the server will accept, as the contract says.
    expect(RecordContactRequest.safeParse(request).success).toBe(true);
  });

  it('sends a birth date when no age is given, and no number for a person without a document', () => {
    const person = { ...emptyPerson('other'), idType: 'none' as const, idNumber: 'left over', birthDate: '2015-03-02' };
    const request = toRecordContactRequest(aCaseForm({ people: [person] }));
    expect(request.case?.people?.[0]).toEqual({
      role: 'other',
      idType: 'none',
      birthDate: '2015-03-02',
      sex: 'unknown',
      disability: false,
    });
  });

  it('hands a case to the social worker chosen, and sends no one when nobody is', () => {
    const handed = toRecordContactRequest(aCaseForm({ handTo: '4f2c9a7e-1b3d-4c5e-8f60-718293a4b5c6' }));
    expect(handed.handTo).toBe('4f2c9a7e-1b3d-4c5e-8f60-718293a4b5c6');
    expect(RecordContactRequest.safeParse(handed).success).toBe(true);
    expect(toRecordContactRequest(aCaseForm())).not.toHaveProperty('handTo');
  });

  it('never hands over a quick outcome, even with a social worker chosen before switching', () => {
    expect(
      toRecordContactRequest(aCaseForm({ outcome: 'advice', handTo: '4f2c9a7e-1b3d-4c5e-8f60-718293a4b5c6' })),
    ).not.toHaveProperty('handTo');
  });

  it('refuses to build a request before an outcome is chosen', () => {
    expect(() => toRecordContactRequest(emptyIntakeForm())).toThrow();
  });
});

describe('handToAfterPlaceChange', () => {
  const ratchaburi = { provinceCode: '70', districtCode: '', subdistrictCode: '' };
  it('keeps the social worker while the province stays (a district or subdistrict picked after it)', () => {
    expect(
      handToAfterPlaceChange('4f2c9a7e-1b3d-4c5e-8f60-718293a4b5c6', ratchaburi, {
        ...ratchaburi,
        districtCode: '7001',
      }),
    ).toBe('4f2c9a7e-1b3d-4c5e-8f60-718293a4b5c6');
  });
  it('drops them when the province changes or is cleared', () => {
    expect(
      handToAfterPlaceChange('4f2c9a7e-1b3d-4c5e-8f60-718293a4b5c6', ratchaburi, { ...ratchaburi, provinceCode: '10' }),
    ).toBe('');
    expect(
      handToAfterPlaceChange('4f2c9a7e-1b3d-4c5e-8f60-718293a4b5c6', ratchaburi, { ...ratchaburi, provinceCode: '' }),
    ).toBe('');
  });
});

describe('socialWorkerLabel', () => {
  const count = (n: number) => `เรื่องที่ดูแลอยู่ ${n} เรื่อง`;
  it('names the social worker, their open cases and their unit', () => {
    expect(
      socialWorkerLabel(
        {
          id: '4f2c9a7e-1b3d-4c5e-8f60-718293a4b5c6',
          displayName: 'สมศรี ใจงาม',
          unitNameTh: 'พมจ.ราชบุรี',
          openCases: 3,
        },
        count,
        'ไม่ระบุหน่วยงาน',
      ),
    ).toBe('สมศรี ใจงาม · เรื่องที่ดูแลอยู่ 3 เรื่อง · พมจ.ราชบุรี');
  });
  it('says so when they belong to no unit', () => {
    expect(
      socialWorkerLabel(
        { id: '4f2c9a7e-1b3d-4c5e-8f60-718293a4b5c6', displayName: 'ก ข', unitNameTh: null, openCases: 0 },
        count,
        'ไม่ระบุหน่วยงาน',
      ),
    ).toBe('ก ข · เรื่องที่ดูแลอยู่ 0 เรื่อง · ไม่ระบุหน่วยงาน');
  });
});

describe('intakeProblems', () => {
  it('asks for an outcome first', () => {
    expect(Object.keys(intakeProblems(emptyIntakeForm(), 'th'))).toEqual(['outcome']);
  });

  it('needs nothing more for a quick outcome', () => {
    expect(intakeProblems({ ...emptyIntakeForm(), outcome: 'prank' }, 'th')).toEqual({});
  });

  it('names the case fields missing, at the server’s paths', () => {
    const problems = intakeProblems(
      aCaseForm({
        problemTypes: [],
        place: { provinceCode: '', districtCode: '', subdistrictCode: '' },
        narrative: '  ',
        people: [
          {
            ...emptyPerson(),
            idType: 'thai_id',
            idNumber: `${VALID_ID.slice(0, 12)}${(Number(VALID_ID[12]) + 1) % 10}`,
          },
        ],
      }),
      'en',
    );
    expect(Object.keys(problems).sort()).toEqual([
      'case.location.areaCode',
      'case.narrative',
      'case.people.0.idNumber',
      'case.problemTypes',
    ]);
    expect(problems['case.people.0.idNumber']).toMatch(/check digit/);
  });

  it('accepts a complete case', () => {
    expect(intakeProblems(aCaseForm(), 'th')).toEqual({});
  });
});

describe('personIdProblem', () => {
  it('checks the Thai ID check digit and says so in Thai', () => {
    expect(personIdProblem({ idType: 'thai_id', idNumber: VALID_ID }, 'th')).toBeNull();
    expect(personIdProblem({ idType: 'thai_id', idNumber: '1101200023451' }, 'th')).toMatch(/เลขตรวจสอบ/);
    expect(personIdProblem({ idType: 'none', idNumber: '123' }, 'th')).toBeNull();
    expect(personIdProblem({ idType: 'passport', idNumber: 'AA12' }, 'en')).not.toBeNull();
  });
});

describe('caller lookup', () => {
  it('starts at nine digits, however the number is written', () => {
    expect(callerLookupNumber('081-234-56')).toBeNull();
    expect(callerLookupNumber('081-234-567')).toBe('081-234-567');
    expect(callerLookupNumber('๐๘๑ ๒๓๔ ๕๖๗')).toBe('๐๘๑ ๒๓๔ ๕๖๗');
  });
});

describe('outcomeForKey', () => {
  const radio = { tagName: 'INPUT', type: 'radio' };
  it('picks the outcomes by the number keys 1–7, the case last', () => {
    expect(outcomeForKey('1', NO_MODIFIERS, radio)).toBe('advice');
    expect(outcomeForKey('4', NO_MODIFIERS, radio)).toBe('prank');
    expect(outcomeForKey('7', NO_MODIFIERS, { tagName: 'BUTTON' })).toBe('case');
    expect(outcomeForKey('8', NO_MODIFIERS, radio)).toBeNull();
    expect(outcomeForKey('a', NO_MODIFIERS, radio)).toBeNull();
  });

  it('leaves digits alone where they are typed: the number, the summary, lists', () => {
    expect(outcomeForKey('1', NO_MODIFIERS, { tagName: 'INPUT', type: 'tel' })).toBeNull();
    expect(outcomeForKey('1', NO_MODIFIERS, { tagName: 'TEXTAREA' })).toBeNull();
    expect(outcomeForKey('1', NO_MODIFIERS, { tagName: 'SELECT' })).toBeNull();
    expect(outcomeForKey('1', NO_MODIFIERS, { tagName: 'DIV', isContentEditable: true })).toBeNull();
  });

  it('leaves key combinations to the browser', () => {
    expect(outcomeForKey('1', { ...NO_MODIFIERS, ctrlKey: true }, radio)).toBeNull();
    expect(outcomeForKey('1', { ...NO_MODIFIERS, altKey: true }, radio)).toBeNull();
  });
});

describe('the console’s words', () => {
  it('name every outcome and channel the contract knows, so the history never shows a bare code', () => {
    expect(Object.keys(th.intake.outcome).sort()).toEqual([...CONTACT_OUTCOMES].sort());
    expect(Object.keys(th.intake.channel).sort()).toEqual([...CHANNELS].sort());
  });

  it('offer a shortcut key for every outcome a call-taker can record', () => {
    const picked = ['1', '2', '3', '4', '5', '6', '7'].map((key) =>
      outcomeForKey(key, NO_MODIFIERS, { tagName: 'BODY' }),
    );
    expect(picked.sort()).toEqual([...RecordContactRequest.shape.outcome.options].sort());
  });
});

describe('the channel', () => {
  it('goes with the request and survives the reset for the next contact', () => {
    const walkIn = { ...emptyIntakeForm('walk_in'), outcome: 'advice' as const };
    expect(toRecordContactRequest(walkIn).channel).toBe('walk_in');
    expect(emptyIntakeForm().channel).toBe('hotline');
  });
});
