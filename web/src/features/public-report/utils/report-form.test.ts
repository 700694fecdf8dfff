import { PublicReportRequest } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import {
  checkReportForm,
  EMPTY_REPORT_FORM,
  normalizeTrackingCode,
  reportFieldOf,
  toPublicReportRequest,
  type ReportFormValues,
} from './report-form.ts';

const filled = (overrides: Partial<ReportFormValues> = {}): ReportFormValues => ({
  ...EMPTY_REPORT_FORM,
  narrative: '  ได้ยินเสียงเด็กร้องทุกคืน  ',
  problemTypes: ['violence'],
  crisis: true,
  place: { provinceCode: '70', districtCode: '7001', subdistrictCode: '700101' },
  consent: true,
  ...overrides,
});

describe('the public report form → request', () => {
  it('sends the most specific place chosen: subdistrict, else district, else province', () => {
    expect(toPublicReportRequest(filled()).location.areaCode).toBe('700101');
    const district = filled({ place: { provinceCode: '70', districtCode: '7001', subdistrictCode: '' } });
    expect(toPublicReportRequest(district).location.areaCode).toBe('7001');
    const province = filled({ place: { provinceCode: '70', districtCode: '', subdistrictCode: '' } });
    expect(toPublicReportRequest(province).location.areaCode).toBe('70');
  });

  it('is anonymous by default and then sends no name or phone, even if some were typed before', () => {
    const request = toPublicReportRequest(filled({ name: 'สมศรี', phone: '0891112222', relation: 'neighbour' }));
    expect(request.reporter).toEqual({ anonymous: true, relation: 'neighbour' });
    expect(JSON.stringify(request)).not.toMatch(/สมศรี|089/);
  });

  it('sends the name and phone, trimmed, only when the person chooses to give them', () => {
    const request = toPublicReportRequest(filled({ anonymous: false, name: ' สมศรี ', phone: '', relation: 'family' }));
    expect(request.reporter).toEqual({ anonymous: false, relation: 'family', name: 'สมศรี' });
  });

  it('leaves the honeypot out when it is empty, and passes a robot’s text on for the server to catch', () => {
    expect(toPublicReportRequest(filled())).not.toHaveProperty('website');
    expect(toPublicReportRequest(filled({ website: 'http://spam.example' })).website).toBe('http://spam.example');
  });

  it('produces a request the contract accepts, with the story trimmed and the address only when given', () => {
    const request = toPublicReportRequest(filled({ address: '  ' }));
    expect(request.narrative).toBe('ได้ยินเสียงเด็กร้องทุกคืน');
    expect(request.location).toEqual({ areaCode: '700101' });
    expect(request.crisis).toBe(true);
    expect(PublicReportRequest.safeParse(request).success).toBe(true);
    expect(toPublicReportRequest(filled({ address: ' 12 ม.3 ' })).location.address).toBe('12 ม.3');
  });

  it('never sends more than three kinds of problem', () => {
    const request = toPublicReportRequest(
      filled({ problemTypes: ['violence', 'violence', 'elderly', 'begging', 'other'] }),
    );
    expect(request.problemTypes).toEqual(['violence', 'elderly', 'begging']);
  });
});

describe('checking the form before it is sent', () => {
  it('asks for the story, a place and the consent', () => {
    expect(checkReportForm(EMPTY_REPORT_FORM)).toEqual({
      narrative: 'required',
      place: 'required',
      consent: 'required',
    });
    expect(checkReportForm(filled())).toEqual({});
  });

  it('asks for a name or a phone when the person chose to give contact details', () => {
    expect(checkReportForm(filled({ anonymous: false }))).toEqual({ name: 'required' });
    expect(checkReportForm(filled({ anonymous: false, phone: '0891112222' }))).toEqual({});
  });
});

describe('server problems next to the right field', () => {
  it('maps schema paths and the shared case checks’ paths to the form’s fields', () => {
    expect(reportFieldOf('body.location.areaCode')).toBe('place');
    expect(reportFieldOf('body.case.location.areaCode')).toBe('place');
    expect(reportFieldOf('body.location.address')).toBe('address');
    expect(reportFieldOf('body.consent')).toBe('consent');
    expect(reportFieldOf('body.narrative')).toBe('narrative');
    expect(reportFieldOf('body.case.problemTypes')).toBe('problemTypes');
    expect(reportFieldOf('body.reporter.phone')).toBe('phone');
    expect(reportFieldOf('body.case.people.0.phone')).toBe('phone');
    expect(reportFieldOf('body.website')).toBeNull();
    // A report sent with photos: the JSON part and the files.
    expect(reportFieldOf('report.narrative')).toBe('narrative');
    expect(reportFieldOf('photos.0')).toBe('photos');
    expect(reportFieldOf('body.photos')).toBe('photos');
  });
});

describe('tracking codes as typed', () => {
  it('takes capitals or not, with or without the dash and spaces', () => {
    expect(normalizeTrackingCode(' abcde 23456 ')).toBe('ABCDE-23456');
    expect(normalizeTrackingCode('ABCDE-23456')).toBe('ABCDE-23456');
    expect(normalizeTrackingCode('abc')).toBe('ABC');
  });
});
