import type { ReportDocument, ReportRow } from '@oscc/contract';

/**
 * A realistic report document for the renderers' tests and for looking at
 * the PDF: Thai problem names with stacked marks, 77 provinces, a long unit
 * name, totals, an empty figure, and texts a spreadsheet would take for
 * formulas. Aggregates only, as every report is.
 */

export const SAMPLE_PROBLEMS = [
  { key: 'child_abuse', th: 'เด็กที่ถูกทำร้าย', en: 'Child abuse' },
  { key: 'adult_abuse', th: 'ผู้ใหญ่ที่ถูกทำร้าย', en: 'Adult abuse' },
  { key: 'family', th: 'ปัญหาครอบครัว', en: 'Family problems' },
  { key: 'teen_pregnancy', th: 'ตั้งครรภ์ในวัยรุ่น', en: 'Teenage pregnancy' },
  { key: 'trafficking', th: 'ค้ามนุษย์', en: 'Human trafficking' },
  { key: 'elderly', th: 'ผู้สูงอายุถูกทอดทิ้ง', en: 'Abandoned elderly' },
  { key: 'flood', th: 'ผู้ประสบภัยน้ำท่วม', en: 'Flood victims' },
  { key: 'other', th: 'สิ่งที่ไม่ได้ระบุ', en: 'Not stated' },
] as const;

export const SAMPLE_PROVINCES = [
  'กรุงเทพมหานคร',
  'สมุทรปราการ',
  'นนทบุรี',
  'ปทุมธานี',
  'พระนครศรีอยุธยา',
  'อ่างทอง',
  'ลพบุรี',
  'สิงห์บุรี',
  'ชัยนาท',
  'สระบุรี',
  'ชลบุรี',
  'ระยอง',
  'จันทบุรี',
  'ตราด',
  'ฉะเชิงเทรา',
  'ปราจีนบุรี',
  'นครนายก',
  'สระแก้ว',
  'นครราชสีมา',
  'บุรีรัมย์',
  'สุรินทร์',
  'ศรีสะเกษ',
  'อุบลราชธานี',
  'ยโสธร',
  'ชัยภูมิ',
  'อำนาจเจริญ',
  'บึงกาฬ',
  'หนองบัวลำภู',
  'ขอนแก่น',
  'อุดรธานี',
  'เลย',
  'หนองคาย',
  'มหาสารคาม',
  'ร้อยเอ็ด',
  'กาฬสินธุ์',
  'สกลนคร',
  'นครพนม',
  'มุกดาหาร',
  'เชียงใหม่',
  'ลำพูน',
  'ลำปาง',
  'อุตรดิตถ์',
  'แพร่',
  'น่าน',
  'พะเยา',
  'เชียงราย',
  'แม่ฮ่องสอน',
  'นครสวรรค์',
  'อุทัยธานี',
  'กำแพงเพชร',
  'ตาก',
  'สุโขทัย',
  'พิษณุโลก',
  'พิจิตร',
  'เพชรบูรณ์',
  'ราชบุรี',
  'กาญจนบุรี',
  'สุพรรณบุรี',
  'นครปฐม',
  'สมุทรสาคร',
  'สมุทรสงคราม',
  'เพชรบุรี',
  'ประจวบคีรีขันธ์',
  'นครศรีธรรมราช',
  'กระบี่',
  'พังงา',
  'ภูเก็ต',
  'สุราษฎร์ธานี',
  'ระนอง',
  'ชุมพร',
  'สงขลา',
  'สตูล',
  'ตรัง',
  'พัทลุง',
  'ปัตตานี',
  'ยะลา',
  'นราธิวาส',
] as const;

export const LONG_UNIT_NAME = 'ศูนย์พึ่งได้ โรงพยาบาลพระนครศรีอยุธยา';
export const INJECTED_FORMULA = '=HYPERLINK("http://x")';
export const INJECTED_SUM = '-5+3';

/** A figure that looks random but is the same on every run. */
function figure(seed: number, range: number): number {
  return Math.floor(((((Math.sin(seed * 12.9898) * 43758.5453) % 1) + 1) % 1) * range);
}

export function buildSampleReport(): ReportDocument {
  const problemRows: ReportRow[] = SAMPLE_PROBLEMS.map((problem, index) => {
    const cases = 150 + figure(index + 1, 2400);
    return {
      cells: {
        problem: { th: problem.th, en: problem.en },
        cases,
        crisis: figure(index + 11, cases),
        reachedShare: index === 3 ? null : Math.round((figure(index + 21, 1000) / 1000) * 10000) / 10000,
        medianMinutes: [45, 125, 1620, 3, 60, 24 * 60 * 3 + 30, 0, 719][index] ?? 0,
        remark: index === 0 ? INJECTED_FORMULA : index === 1 ? INJECTED_SUM : index === 2 ? '@SUM(A1)' : '',
      },
      drill: { problem: problem.key },
    };
  });
  const problemTotal = problemRows.reduce((total, row) => total + Number(row.cells.cases), 0);
  problemRows.push({
    total: true,
    cells: {
      problem: { th: 'รวม', en: 'Total' },
      cases: problemTotal,
      crisis: problemRows.reduce((total, row) => total + Number(row.cells.crisis), 0),
      reachedShare: 0.875,
      medianMinutes: 125,
      remark: null,
    },
  });

  const provinceRows: ReportRow[] = SAMPLE_PROVINCES.map((name, index) => {
    const cases = figure(index + 101, 5000);
    return {
      cells: {
        province: name,
        unit: index === 4 ? LONG_UNIT_NAME : `ศูนย์พึ่งได้ ${name}`,
        cases,
        crisis: figure(index + 201, 300),
        reachedMet: figure(index + 301, 900),
        reachedBreached: figure(index + 401, 90),
        stepsMet: figure(index + 501, 1200),
        stepsBreached: figure(index + 601, 40),
        closedShare: Math.round((figure(index + 701, 1000) / 1000) * 10000) / 10000,
        medianMinutes: figure(index + 801, 4000),
      },
      drill: { provinceCode: String(10 + index) },
    };
  });
  const sumOf = (key: string) => provinceRows.reduce((total, row) => total + Number(row.cells[key] ?? 0), 0);
  provinceRows.push({
    total: true,
    cells: {
      province: { th: 'รวมทั้งประเทศ', en: 'Whole country' },
      unit: null,
      cases: sumOf('cases'),
      crisis: sumOf('crisis'),
      reachedMet: sumOf('reachedMet'),
      reachedBreached: sumOf('reachedBreached'),
      stepsMet: sumOf('stepsMet'),
      stepsBreached: sumOf('stepsBreached'),
      closedShare: 0.5123,
      medianMinutes: 1385,
    },
  });

  const units = [
    { unit: LONG_UNIT_NAME, province: 'พระนครศรีอยุธยา', agency: 'กระทรวงสาธารณสุข' },
    { unit: 'ศูนย์พึ่งได้ โรงพยาบาลราชวิถี', province: 'กรุงเทพมหานคร', agency: 'กระทรวงสาธารณสุข' },
    {
      unit: 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดน่าน',
      province: 'น่าน',
      agency: 'กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์',
    },
    { unit: 'สถานีตำรวจภูธรเมืองเชียงใหม่', province: 'เชียงใหม่', agency: 'สำนักงานตำรวจแห่งชาติ' },
  ];
  const unitRows: ReportRow[] = units.map((entry, index) => {
    const met = figure(index + 901, 300);
    const breached = figure(index + 951, 30);
    return {
      cells: {
        ...entry,
        step: { th: 'ติดต่อผู้ประสบปัญหาภายใน 24 ชั่วโมง', en: 'First contact within 24 hours' },
        cases: met + breached,
        met,
        breached,
        metShare: met + breached === 0 ? null : Math.round((met / (met + breached)) * 10000) / 10000,
        medianMinutes: figure(index + 981, 2000),
        overdueNow: figure(index + 991, 12),
      },
    };
  });

  return {
    kind: 'monthly',
    title: { th: 'รายงานประจำเดือน ศูนย์ช่วยเหลือสังคม สายด่วน 1300', en: 'Monthly report, OSCC hotline 1300' },
    period: { from: '2026-10-01', to: '2026-10-31' },
    scope: { th: 'ทั่วประเทศ', en: 'Whole country' },
    filters: [
      { th: 'ช่องทาง: โทรศัพท์ 1300', en: 'Channel: telephone 1300' },
      { th: 'จังหวัด: กรุงเทพมหานคร และปริมณฑล', en: 'Province: Bangkok and vicinity' },
    ],
    generatedAt: '2026-11-01T02:15:00.000Z',
    sections: [
      {
        id: 'by-problem',
        title: { th: 'เรื่องที่รับแจ้ง แยกตามปัญหา', en: 'Cases by problem' },
        note: { th: 'รวมผู้ประสบภัยน้ำท่วมที่ขอความช่วยเหลือผ่านสายด่วน', en: 'Includes flood victims who called the hotline' },
        columns: [
          { key: 'problem', label: { th: 'ปัญหา', en: 'Problem' }, kind: 'text' },
          { key: 'cases', label: { th: 'เรื่อง', en: 'Cases' }, kind: 'count', measure: 'cases' },
          { key: 'crisis', label: { th: 'วิกฤต', en: 'Crisis' }, kind: 'count', measure: 'crisis' },
          { key: 'reachedShare', label: { th: 'ติดต่อภายใน 24 ชม.', en: 'Reached within 24 h' }, kind: 'percent' },
          { key: 'medianMinutes', label: { th: 'มัธยฐานเวลาติดต่อ', en: 'Median time to contact' }, kind: 'minutes' },
          { key: 'remark', label: { th: 'หมายเหตุ', en: 'Remark' }, kind: 'text' },
        ],
        rows: problemRows,
      },
      {
        id: 'by-province',
        title: { th: 'เรื่องที่รับแจ้ง แยกตามจังหวัด [77 จังหวัด]', en: 'Cases by province [77 provinces]' },
        columns: [
          { key: 'province', label: { th: 'จังหวัด', en: 'Province' }, kind: 'text' },
          { key: 'unit', label: { th: 'หน่วยงานหลัก', en: 'Main unit' }, kind: 'text' },
          { key: 'cases', label: { th: 'เรื่อง', en: 'Cases' }, kind: 'count', measure: 'cases' },
          { key: 'crisis', label: { th: 'วิกฤต', en: 'Crisis' }, kind: 'count', measure: 'crisis' },
          { key: 'reachedMet', label: { th: 'ติดต่อทันเวลา', en: 'Reached in time' }, kind: 'count' },
          { key: 'reachedBreached', label: { th: 'ติดต่อล่าช้า', en: 'Reached late' }, kind: 'count' },
          { key: 'stepsMet', label: { th: 'ขั้นตอนตรงเวลา', en: 'Steps on time' }, kind: 'count' },
          { key: 'stepsBreached', label: { th: 'ขั้นตอนเกินกำหนด', en: 'Steps late' }, kind: 'count' },
          { key: 'closedShare', label: { th: 'ปิดเรื่องแล้ว', en: 'Closed' }, kind: 'percent' },
          { key: 'medianMinutes', label: { th: 'มัธยฐานเวลาปิดเรื่อง', en: 'Median time to close' }, kind: 'minutes' },
        ],
        rows: provinceRows,
      },
      {
        id: 'by-unit',
        title: { th: 'การปฏิบัติตามกรอบเวลา แยกตามหน่วยงาน', en: 'Time frames kept, by unit' },
        columns: [
          { key: 'unit', label: { th: 'หน่วยงาน', en: 'Unit' }, kind: 'text' },
          { key: 'province', label: { th: 'จังหวัด', en: 'Province' }, kind: 'text' },
          { key: 'agency', label: { th: 'กระทรวง', en: 'Ministry' }, kind: 'text' },
          { key: 'step', label: { th: 'ขั้นตอน', en: 'Step' }, kind: 'text' },
          { key: 'cases', label: { th: 'เรื่อง', en: 'Cases' }, kind: 'count', measure: 'cases' },
          { key: 'met', label: { th: 'ทันเวลา', en: 'In time' }, kind: 'count', measure: 'steps_met' },
          { key: 'breached', label: { th: 'ล่าช้า', en: 'Late' }, kind: 'count', measure: 'steps_breached' },
          { key: 'metShare', label: { th: 'ร้อยละทันเวลา', en: 'Share in time' }, kind: 'percent' },
          { key: 'medianMinutes', label: { th: 'มัธยฐานเวลา', en: 'Median time' }, kind: 'minutes' },
          {
            key: 'overdueNow',
            label: { th: 'เกินกำหนดขณะนี้', en: 'Overdue now' },
            kind: 'count',
            measure: 'overdue_now',
          },
        ],
        rows: unitRows,
      },
      {
        id: 'service',
        title: { th: 'ผลการดำเนินงานของหน่วยงาน', en: 'Units at work' },
        columns: [
          { key: 'unit', label: { th: 'หน่วยงาน', en: 'Unit' }, kind: 'text' },
          { key: 'cases', label: { th: 'เรื่องที่ได้รับ', en: 'Cases received' }, kind: 'count', measure: 'cases' },
          { key: 'metShare', label: { th: 'ติดต่อภายใน 24 ชม.', en: 'Reached within 24 h' }, kind: 'percent' },
          { key: 'overdueNow', label: { th: 'ขั้นตอนเกินกำหนด', en: 'Steps overdue' }, kind: 'count' },
          { key: 'closed', label: { th: 'ปิดเรื่องแล้ว', en: 'Closed' }, kind: 'count', measure: 'closed' },
          { key: 'medianMinutes', label: { th: 'มัธยฐานเวลาปิดเรื่อง', en: 'Median time to close' }, kind: 'minutes' },
        ],
        rows: unitRows.map((row) => ({
          cells: { ...row.cells, closed: Math.floor(Number(row.cells.cases) * 0.6) },
        })),
      },
    ],
  };
}

/** A report whose unit column is narrow, so the long unit name must wrap between words. */
export function buildNarrowUnitReport(): ReportDocument {
  const base = buildSampleReport();
  const figures = ['เรื่องที่ได้รับทั้งหมด', 'เรื่องวิกฤตที่ได้รับ', 'ติดต่อภายใน 24 ชั่วโมง', 'ขั้นตอนเกินกำหนดเวลา', 'ปิดเรื่องแล้วทั้งหมด'];
  return {
    ...base,
    sections: [
      {
        id: 'narrow',
        title: { th: 'ผลการดำเนินงานของหน่วยงาน', en: 'Units at work' },
        columns: [
          { key: 'unit', label: { th: 'หน่วยงาน', en: 'Unit' }, kind: 'text' },
          ...figures.map((label, index) => ({
            key: `f${index}`,
            label: { th: label, en: `Figure ${index + 1}` },
            kind: 'count' as const,
          })),
        ],
        rows: [LONG_UNIT_NAME, 'ศูนย์พึ่งได้ โรงพยาบาลน่าน'].map((unit, row) => ({
          cells: Object.fromEntries([
            ['unit', unit],
            ...figures.map((_, index) => [`f${index}`, figure(row * 7 + index, 900)]),
          ]),
        })),
      },
    ],
  };
}
