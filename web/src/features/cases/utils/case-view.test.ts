import { describe, expect, it } from 'vitest';
import {
  ageOn,
  fileFormat,
  fileSize,
  isThumbnail,
  placeCodesToLoad,
  placeName,
  screeningProblems,
  screeningValuesFrom,
  screenRequest,
  uploadProblems,
  type PlaceLookup,
  type ScreeningValues,
} from './case-view.ts';

const places: PlaceLookup = {
  provinces: new Map([['70', { code: '70', nameTh: 'ราชบุรี', nameEn: 'Ratchaburi' }]]),
  districts: new Map([['7001', { code: '7001', nameTh: 'เมืองราชบุรี', nameEn: null }]]),
  subdistricts: new Map([['700101', { code: '700101', nameTh: 'หน้าเมือง', nameEn: 'Na Mueang' }]]),
};

describe('placeName', () => {
  it('names a subdistrict with its district and province, the most specific first', () => {
    expect(placeName('700101', places, 'th')).toBe('หน้าเมือง · เมืองราชบุรี · ราชบุรี');
  });

  it('falls back to Thai where a place has no English name', () => {
    expect(placeName('700101', places, 'en')).toBe('Na Mueang · เมืองราชบุรี · Ratchaburi');
  });

  it('names a province-level case by its province alone', () => {
    expect(placeName('70', places, 'th')).toBe('ราชบุรี');
  });

  it('shows the code itself while no name has arrived', () => {
    expect(placeName('380101', places, 'th')).toBe('380101');
  });
});

describe('placeCodesToLoad', () => {
  it('asks for each province once, and for districts only where a subdistrict must be named', () => {
    expect(placeCodesToLoad(['700101', '7002', '70', '380101', 'bad'])).toEqual({
      provinces: ['38', '70'],
      districts: ['3801', '7001'],
    });
  });
});

const valid: ScreeningValues = {
  problemTypes: ['begging'],
  crisis: true,
  severity: 3,
  route: 'keep',
  unit: null,
  reason: '',
};

describe('screening', () => {
  it('starts from the case as it is, keeping its unit', () => {
    expect(screeningValuesFrom({ problemTypes: ['begging'], crisis: false, severity: 4 })).toEqual({
      problemTypes: ['begging'],
      crisis: false,
      severity: 4,
      route: 'keep',
      unit: null,
      reason: '',
    });
  });

  it('needs one to five problem types', () => {
    expect(screeningProblems({ ...valid, problemTypes: [] })).toEqual({ problemTypes: 'problemTypesMissing' });
    expect(screeningProblems({ ...valid, problemTypes: ['a', 'b', 'c', 'd', 'e', 'f'] })).toEqual({
      problemTypes: 'problemTypesTooMany',
    });
    expect(screeningProblems(valid)).toEqual({});
  });

  it('needs a unit and a reason when staff choose the unit', () => {
    expect(screeningProblems({ ...valid, route: 'unit', reason: '  ' })).toEqual({
      unit: 'unitMissing',
      reason: 'reasonMissing',
    });
  });

  it('sends the chosen unit with the trimmed reason and the version it was read at', () => {
    const unit = { id: '0193c1a4-0000-7000-8000-000000000001', nameTh: 'บ้านพักเด็ก' };
    expect(screenRequest({ ...valid, route: 'unit', unit, reason: ' อยู่ใกล้ที่สุด ' }, 7)).toEqual({
      version: 7,
      problemTypes: ['begging'],
      crisis: true,
      severity: 3,
      route: { kind: 'unit', unitId: unit.id, reason: 'อยู่ใกล้ที่สุด' },
    });
    expect(screenRequest({ ...valid, route: 'auto' }, 2).route).toEqual({ kind: 'auto' });
    expect(screenRequest(valid, 2).route).toEqual({ kind: 'keep' });
  });
});

describe('uploadProblems', () => {
  const photo = { name: 'bruise.png', size: 120_000, type: 'image/png' };

  it('accepts photos and PDFs within the limits, HEIC by its name when the browser gives no type', () => {
    expect(
      uploadProblems([
        photo,
        { name: 'IMG_0001.HEIC', size: 2_000_000, type: '' },
        { name: 'a.pdf', size: 10, type: 'application/pdf' },
      ]),
    ).toEqual([]);
  });

  it('refuses more than five files, files over 5 MiB, empty files and other types', () => {
    expect(uploadProblems(Array.from({ length: 6 }, () => photo))).toEqual([{ kind: 'count', max: 5 }]);
    expect(
      uploadProblems([
        { name: 'big.jpg', size: 5 * 1024 * 1024 + 1, type: 'image/jpeg' },
        { name: 'empty.png', size: 0, type: 'image/png' },
        {
          name: 'notes.docx',
          size: 100,
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        },
        { name: 'run.exe', size: 100, type: '' },
      ]),
    ).toEqual([
      { kind: 'tooLarge', name: 'big.jpg', megabytes: 5 },
      { kind: 'empty', name: 'empty.png' },
      { kind: 'type', name: 'notes.docx' },
      { kind: 'type', name: 'run.exe' },
    ]);
  });

  it('accepts a file of exactly 5 MiB', () => {
    expect(uploadProblems([{ name: 'edge.jpg', size: 5 * 1024 * 1024, type: 'image/jpeg' }])).toEqual([]);
  });
});

describe('attachments and people', () => {
  it('draws JPEG, PNG and WebP as thumbnails but not HEIC or PDF', () => {
    expect(['image/jpeg', 'image/png', 'image/webp'].every(isThumbnail)).toBe(true);
    expect(isThumbnail('image/heic')).toBe(false);
    expect(isThumbnail('application/pdf')).toBe(false);
  });

  it('names a file format for its icon', () => {
    expect(fileFormat('application/pdf')).toBe('PDF');
    expect(fileFormat('image/heic')).toBe('HEIC');
  });

  it('gives sizes in KB and MB', () => {
    expect(fileSize(300)).toBe('1 KB');
    expect(fileSize(350 * 1024)).toBe('350 KB');
    expect(fileSize(1.25 * 1024 * 1024)).toBe('1.3 MB');
  });

  it('counts age in whole years, a year more only from the birthday on', () => {
    expect(ageOn('2010-06-15', new Date(2026, 5, 14))).toBe(15);
    expect(ageOn('2010-06-15', new Date(2026, 5, 15))).toBe(16);
    expect(ageOn('15/06/2553', new Date(2026, 5, 15))).toBeNull();
  });
});
