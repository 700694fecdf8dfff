import type { NewAgency } from '../organisations/index.ts';

/** The nine agencies of the Front Line (oscc-brief.md), with the intake-unit counts of the documents. */
export const FRONT_LINE_AGENCIES: (NewAgency & { code: string; documentedUnits: number })[] = [
  {
    code: 'MSDHS',
    abbrTh: 'พม.',
    nameTh: 'กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์',
    nameEn: 'Ministry of Social Development and Human Security',
    documentedUnits: 324,
  },
  {
    code: 'MOPH',
    abbrTh: 'สธ.',
    nameTh: 'กระทรวงสาธารณสุข',
    nameEn: 'Ministry of Public Health',
    documentedUnits: 10_579,
  },
  { code: 'MOL', abbrTh: 'รง.', nameTh: 'กระทรวงแรงงาน', nameEn: 'Ministry of Labour', documentedUnits: 26 },
  {
    code: 'BMA',
    abbrTh: 'กทม.',
    nameTh: 'กรุงเทพมหานคร',
    nameEn: 'Bangkok Metropolitan Administration',
    documentedUnits: 127,
  },
  { code: 'MOJ', abbrTh: 'ยธ.', nameTh: 'กระทรวงยุติธรรม', nameEn: 'Ministry of Justice', documentedUnits: 77 },
  { code: 'MOI', abbrTh: 'มท.', nameTh: 'กระทรวงมหาดไทย', nameEn: 'Ministry of Interior', documentedUnits: 8_729 },
  { code: 'MOE', abbrTh: 'ศธ.', nameTh: 'กระทรวงศึกษาธิการ', nameEn: 'Ministry of Education', documentedUnits: 225 },
  { code: 'RTP', abbrTh: 'สตช.', nameTh: 'สำนักงานตำรวจแห่งชาติ', nameEn: 'Royal Thai Police', documentedUnits: 1_465 },
  { code: 'PATTAYA', abbrTh: null, nameTh: 'เมืองพัทยา', nameEn: 'Pattaya City', documentedUnits: 1 },
];

/** Departments under the agencies: the hierarchy has depth (ministry → department → unit). */
export const DEMO_DEPARTMENTS: (NewAgency & { parentCode: string })[] = [
  {
    parentCode: 'MSDHS',
    code: 'MSDHS-OPS',
    abbrTh: 'สป.พม.',
    nameTh: 'สำนักงานปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์',
    nameEn: 'Office of the Permanent Secretary, MSDHS',
  },
  {
    parentCode: 'MSDHS',
    code: 'MSDHS-DCY',
    abbrTh: 'ดย.',
    nameTh: 'กรมกิจการเด็กและเยาวชน',
    nameEn: 'Department of Children and Youth',
  },
  {
    parentCode: 'MOPH',
    code: 'MOPH-OPS',
    abbrTh: 'สป.สธ.',
    nameTh: 'สำนักงานปลัดกระทรวงสาธารณสุข',
    nameEn: 'Office of the Permanent Secretary, Ministry of Public Health',
  },
  {
    parentCode: 'MOL',
    code: 'MOL-DLPW',
    abbrTh: 'กสร.',
    nameTh: 'กรมสวัสดิการและคุ้มครองแรงงาน',
    nameEn: 'Department of Labour Protection and Welfare',
  },
  {
    parentCode: 'MOI',
    code: 'MOI-DLA',
    abbrTh: 'สถ.',
    nameTh: 'กรมส่งเสริมการปกครองท้องถิ่น',
    nameEn: 'Department of Local Administration',
  },
  {
    parentCode: 'MOJ',
    code: 'MOJ-RLPD',
    abbrTh: 'สคส.',
    nameTh: 'กรมคุ้มครองสิทธิและเสรีภาพ',
    nameEn: 'Rights and Liberties Protection Department',
  },
  {
    parentCode: 'MOE',
    code: 'MOE-OBEC',
    abbrTh: 'สพฐ.',
    nameTh: 'สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน',
    nameEn: 'Office of the Basic Education Commission',
  },
  {
    parentCode: 'BMA',
    code: 'BMA-SDD',
    abbrTh: null,
    nameTh: 'สำนักพัฒนาสังคม กรุงเทพมหานคร',
    nameEn: 'Social Development Department, BMA',
  },
];

/** Provinces whose hospitals, police stations, shelters and labour offices the demo lists. */
export const DEMO_PROVINCES = ['10', '70', '50', '40', '90', '38', '20'] as const;

/** Hospitals with a ศูนย์พึ่งได้ (OSCC crisis centre), by province code and district (Thai name). */
export const DEMO_HOSPITALS: { provinceCode: string; districtTh: string; hospital: string; hospitalEn: string }[] = [
  { provinceCode: '10', districtTh: 'ราชเทวี', hospital: 'โรงพยาบาลราชวิถี', hospitalEn: 'Rajavithi Hospital' },
  { provinceCode: '10', districtTh: 'ปทุมวัน', hospital: 'โรงพยาบาลตำรวจ', hospitalEn: 'Police General Hospital' },
  { provinceCode: '70', districtTh: 'เมืองราชบุรี', hospital: 'โรงพยาบาลราชบุรี', hospitalEn: 'Ratchaburi Hospital' },
  { provinceCode: '70', districtTh: 'บ้านโป่ง', hospital: 'โรงพยาบาลบ้านโป่ง', hospitalEn: 'Ban Pong Hospital' },
  {
    provinceCode: '70',
    districtTh: 'ดำเนินสะดวก',
    hospital: 'โรงพยาบาลดำเนินสะดวก',
    hospitalEn: 'Damnoen Saduak Hospital',
  },
  { provinceCode: '70', districtTh: 'โพธาราม', hospital: 'โรงพยาบาลโพธาราม', hospitalEn: 'Photharam Hospital' },
  { provinceCode: '50', districtTh: 'เมืองเชียงใหม่', hospital: 'โรงพยาบาลนครพิงค์', hospitalEn: 'Nakornping Hospital' },
  { provinceCode: '40', districtTh: 'เมืองขอนแก่น', hospital: 'โรงพยาบาลขอนแก่น', hospitalEn: 'Khon Kaen Hospital' },
  { provinceCode: '90', districtTh: 'หาดใหญ่', hospital: 'โรงพยาบาลหาดใหญ่', hospitalEn: 'Hat Yai Hospital' },
  { provinceCode: '90', districtTh: 'เมืองสงขลา', hospital: 'โรงพยาบาลสงขลา', hospitalEn: 'Songkhla Hospital' },
  { provinceCode: '38', districtTh: 'เมืองบึงกาฬ', hospital: 'โรงพยาบาลบึงกาฬ', hospitalEn: 'Bueng Kan Hospital' },
  { provinceCode: '20', districtTh: 'เมืองชลบุรี', hospital: 'โรงพยาบาลชลบุรี', hospitalEn: 'Chonburi Hospital' },
];

/** Police stations: Bangkok's are สถานีตำรวจนครบาล, the provinces' สถานีตำรวจภูธร. */
export const DEMO_POLICE_STATIONS: { provinceCode: string; districtTh: string; nameTh: string; nameEn: string }[] = [
  {
    provinceCode: '10',
    districtTh: 'ปทุมวัน',
    nameTh: 'สถานีตำรวจนครบาลลุมพินี',
    nameEn: 'Lumphini Metropolitan Police Station',
  },
  {
    provinceCode: '10',
    districtTh: 'บางรัก',
    nameTh: 'สถานีตำรวจนครบาลบางรัก',
    nameEn: 'Bang Rak Metropolitan Police Station',
  },
  {
    provinceCode: '10',
    districtTh: 'ดินแดง',
    nameTh: 'สถานีตำรวจนครบาลดินแดง',
    nameEn: 'Din Daeng Metropolitan Police Station',
  },
  {
    provinceCode: '70',
    districtTh: 'เมืองราชบุรี',
    nameTh: 'สถานีตำรวจภูธรเมืองราชบุรี',
    nameEn: 'Mueang Ratchaburi Provincial Police Station',
  },
  {
    provinceCode: '70',
    districtTh: 'บ้านโป่ง',
    nameTh: 'สถานีตำรวจภูธรบ้านโป่ง',
    nameEn: 'Ban Pong Provincial Police Station',
  },
  {
    provinceCode: '70',
    districtTh: 'โพธาราม',
    nameTh: 'สถานีตำรวจภูธรโพธาราม',
    nameEn: 'Photharam Provincial Police Station',
  },
  {
    provinceCode: '50',
    districtTh: 'เมืองเชียงใหม่',
    nameTh: 'สถานีตำรวจภูธรเมืองเชียงใหม่',
    nameEn: 'Mueang Chiang Mai Provincial Police Station',
  },
  {
    provinceCode: '40',
    districtTh: 'เมืองขอนแก่น',
    nameTh: 'สถานีตำรวจภูธรเมืองขอนแก่น',
    nameEn: 'Mueang Khon Kaen Provincial Police Station',
  },
  {
    provinceCode: '90',
    districtTh: 'หาดใหญ่',
    nameTh: 'สถานีตำรวจภูธรหาดใหญ่',
    nameEn: 'Hat Yai Provincial Police Station',
  },
  {
    provinceCode: '38',
    districtTh: 'เมืองบึงกาฬ',
    nameTh: 'สถานีตำรวจภูธรเมืองบึงกาฬ',
    nameEn: 'Mueang Bueng Kan Provincial Police Station',
  },
  {
    provinceCode: '20',
    districtTh: 'บางละมุง',
    nameTh: 'สถานีตำรวจภูธรเมืองพัทยา',
    nameEn: 'Pattaya City Provincial Police Station',
  },
];

/** The province whose municipalities and SAOs the demo lists in full. */
export const DEMO_LOCAL_PROVINCE = '70';
export const DEMO_MUNICIPALITIES: { districtTh: string; nameTh: string; nameEn: string }[] = [
  { districtTh: 'เมืองราชบุรี', nameTh: 'เทศบาลเมืองราชบุรี', nameEn: 'Ratchaburi Town Municipality' },
  { districtTh: 'บ้านโป่ง', nameTh: 'เทศบาลเมืองบ้านโป่ง', nameEn: 'Ban Pong Town Municipality' },
  { districtTh: 'โพธาราม', nameTh: 'เทศบาลเมืองโพธาราม', nameEn: 'Photharam Town Municipality' },
  { districtTh: 'ดำเนินสะดวก', nameTh: 'เทศบาลตำบลดำเนินสะดวก', nameEn: 'Damnoen Saduak Subdistrict Municipality' },
];
