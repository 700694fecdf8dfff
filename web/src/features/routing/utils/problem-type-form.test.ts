import type { Agency, ProblemType } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import {
  emptyProblemTypeValues,
  leadAgencyName,
  ministries,
  newProblemTypeRequest,
  nextSortOrder,
  problemTypeInput,
  problemTypeProblems,
  problemTypeValues,
  serverFieldProblems,
  sortProblemTypes,
} from './problem-type-form.ts';

const type = (code: string, sortOrder: number, extra: Partial<ProblemType> = {}): ProblemType => ({
  code,
  nameTh: `ปัญหา ${code}`,
  nameEn: `Problem ${code}`,
  urgent: false,
  leadAgencyCode: null,
  sortOrder,
  active: true,
  ...extra,
});

const agency = (code: string, nameTh: string, parentId: string | null, nameEn: string | null = null): Agency => ({
  id: `00000000-0000-4000-8000-${code.padStart(12, '0').slice(-12)}`,
  parentId,
  code,
  abbrTh: null,
  nameTh,
  nameEn,
  rootId: parentId ?? `00000000-0000-4000-8000-${code.padStart(12, '0').slice(-12)}`,
  depth: parentId ? 1 : 0,
  active: true,
  version: 1,
  unitCount: 0,
});

describe('problem type form', () => {
  it('starts a new type after the last one, and never past the highest order allowed', () => {
    expect(nextSortOrder([type('violence', 40), type('other', 999)])).toBe(1009);
    expect(nextSortOrder([])).toBe(10);
    expect(nextSortOrder([type('last', 9_995)])).toBe(10_000);
    expect(emptyProblemTypeValues(50)).toMatchObject({ code: '', sortOrder: '50', active: true, urgent: false });
  });

  it('asks for a code, both names and an order, and checks the code only for a new type', () => {
    const empty = { ...emptyProblemTypeValues(10), sortOrder: '' };
    expect(problemTypeProblems(empty, true)).toEqual({
      code: 'required',
      nameTh: 'required',
      nameEn: 'required',
      sortOrder: 'required',
    });
    expect(problemTypeProblems(empty, false)).not.toHaveProperty('code');
    const filled = { ...emptyProblemTypeValues(10), nameTh: 'การพนัน', nameEn: 'Gambling' };
    expect(problemTypeProblems({ ...filled, code: 'gambling' }, true)).toEqual({});
    expect(problemTypeProblems({ ...filled, code: ' Gambling ' }, true)).toEqual({});
    expect(problemTypeProblems({ ...filled, code: 'online-gambling' }, true)).toEqual({ code: 'codeFormat' });
    expect(problemTypeProblems({ ...filled, code: '1gambling' }, true)).toEqual({ code: 'codeFormat' });
    expect(problemTypeProblems({ ...filled, code: 'g' }, true)).toEqual({ code: 'codeFormat' });
    expect(problemTypeProblems({ ...filled, code: 'การพนัน' }, true)).toEqual({ code: 'codeFormat' });
    expect(problemTypeProblems({ ...filled, sortOrder: '-1' }, false)).toEqual({ sortOrder: 'sortOrder' });
    expect(problemTypeProblems({ ...filled, sortOrder: '1.5' }, false)).toEqual({ sortOrder: 'sortOrder' });
    expect(problemTypeProblems({ ...filled, sortOrder: '10001' }, false)).toEqual({ sortOrder: 'sortOrder' });
  });

  it('sends trimmed names, a number for the order, null for no lead ministry and a lower-case code', () => {
    const values = {
      code: ' Gambling_2 ',
      nameTh: ' การพนัน ',
      nameEn: ' Gambling ',
      urgent: true,
      leadAgencyCode: '',
      sortOrder: ' 160 ',
      active: true,
    };
    expect(newProblemTypeRequest(values)).toEqual({
      code: 'gambling_2',
      nameTh: 'การพนัน',
      nameEn: 'Gambling',
      urgent: true,
      leadAgencyCode: null,
      sortOrder: 160,
      active: true,
    });
    expect(problemTypeInput({ ...values, leadAgencyCode: 'MSDHS' })).not.toHaveProperty('code');
    expect(problemTypeInput({ ...values, leadAgencyCode: 'MSDHS' }).leadAgencyCode).toBe('MSDHS');
  });

  it('fills the form from a type and sends back what it was', () => {
    const drugs = type('drugs', 120, { leadAgencyCode: 'MOJ', urgent: true, active: false });
    const values = problemTypeValues(drugs);
    expect(values).toMatchObject({ leadAgencyCode: 'MOJ', sortOrder: '120', active: false });
    const { code: _code, ...input } = drugs;
    expect(problemTypeInput(values)).toEqual(input);
    expect(problemTypeValues(type('other', 999)).leadAgencyCode).toBe('');
  });

  it('offers only ministries as lead agencies, in Thai order, and names the lead by its code', () => {
    const moph = agency('MOPH', 'กระทรวงสาธารณสุข', null, 'Ministry of Public Health');
    const msdhs = agency('MSDHS', 'กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์', null);
    const department = agency('MSDHS-DCY', 'กรมกิจการเด็กและเยาวชน', msdhs.id);
    const all = [moph, department, msdhs];
    expect(ministries(all).map((item) => item.code)).toEqual(['MSDHS', 'MOPH']);
    expect(leadAgencyName('MOPH', all, 'th')).toBe('กระทรวงสาธารณสุข');
    expect(leadAgencyName('MOPH', all, 'en')).toBe('Ministry of Public Health');
    expect(leadAgencyName('MSDHS-DCY', all, 'th')).toBe('MSDHS-DCY');
    expect(leadAgencyName('RTP', undefined, 'th')).toBe('RTP');
    expect(leadAgencyName(null, all, 'th')).toBeNull();
  });

  it('lists types by their order, then by code', () => {
    expect(
      sortProblemTypes([type('b', 20), type('other', 999), type('a', 20), type('c', 10)]).map((t) => t.code),
    ).toEqual(['c', 'a', 'b', 'other']);
  });

  it("turns the server's field problems into the form's own, keeping bilingual messages as they are", () => {
    expect(
      serverFieldProblems([
        { path: 'body.code', code: 'invalid_format', message: 'lower-case letters, digits and _' },
        { path: 'body.nameTh', code: 'too_small', message: 'Too small' },
        { path: 'body.nameEn', code: 'too_big', message: 'Too big' },
        { path: 'body.sortOrder', code: 'too_big', message: 'Too big' },
        { path: 'body.sortOrder', code: 'invalid_type', message: 'second problem of a field is not shown' },
        { path: 'body.leadAgencyCode', code: 'unknown_agency', message: 'ไม่พบกระทรวง / No such ministry' },
        { path: 'body.urgent', code: 'invalid_type', message: 'Expected boolean' },
      ]),
    ).toEqual({
      code: { kind: 'known', problem: 'codeFormat' },
      nameTh: { kind: 'known', problem: 'required' },
      nameEn: { kind: 'known', problem: 'tooLong' },
      sortOrder: { kind: 'known', problem: 'sortOrder' },
      leadAgencyCode: { kind: 'text', message: 'ไม่พบกระทรวง / No such ministry' },
      urgent: { kind: 'known', problem: 'invalid' },
    });
    expect(serverFieldProblems([{ path: 'body.leadAgencyCode', code: 'custom', message: 'unknown' }])).toEqual({
      leadAgencyCode: { kind: 'known', problem: 'leadAgency' },
    });
  });
});
