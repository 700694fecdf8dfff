import type { RoleCode } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { createGeographyRepository } from '../geography/index.ts';
import { createUsersRepository, hashPassword, type NewRoleAssignment } from '../identity/index.ts';
import { createOrganisationsRepository, type NewUnit } from '../organisations/index.ts';
import {
  DEMO_DEPARTMENTS,
  DEMO_HOSPITALS,
  DEMO_LOCAL_PROVINCE,
  DEMO_MUNICIPALITIES,
  DEMO_POLICE_STATIONS,
  DEMO_PROVINCES,
  FRONT_LINE_AGENCIES,
} from './demo-agencies.ts';

/** One password for every demo account; printed at start and in the README. Never used outside the demo. */
export const DEMO_PASSWORD = 'oscc-demo-1300';

export interface DemoAccount {
  email: string;
  role: RoleCode;
  descriptionTh: string;
  descriptionEn: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@oscc.example',
    role: 'central_admin',
    descriptionTh: 'ผู้ดูแลระบบส่วนกลาง',
    descriptionEn: 'Central administrator',
  },
  {
    email: 'calltaker@oscc.example',
    role: 'call_taker',
    descriptionTh: 'เจ้าหน้าที่รับสาย 1300',
    descriptionEn: 'Call taker, 1300 centre',
  },
  {
    email: 'socialworker@oscc.example',
    role: 'social_worker',
    descriptionTh: 'นักสังคมสงเคราะห์ พมจ.ราชบุรี',
    descriptionEn: 'Social worker, Ratchaburi MSDHS office',
  },
  {
    email: 'officer@oscc.example',
    role: 'unit_officer',
    descriptionTh: 'เจ้าหน้าที่ศูนย์พึ่งได้ รพ.ราชบุรี',
    descriptionEn: 'Officer, Ratchaburi Hospital crisis centre',
  },
  {
    email: 'head@oscc.example',
    role: 'unit_head',
    descriptionTh: 'หัวหน้าศูนย์พึ่งได้ รพ.ราชบุรี',
    descriptionEn: 'Head, Ratchaburi Hospital crisis centre',
  },
  {
    email: 'coordinator@oscc.example',
    role: 'province_coordinator',
    descriptionTh: 'ผู้ประสานงานจังหวัดราชบุรี',
    descriptionEn: 'Province coordinator, Ratchaburi',
  },
  {
    email: 'police@oscc.example',
    role: 'unit_officer',
    descriptionTh: 'พนักงานสอบสวน สภ.เมืองราชบุรี',
    descriptionEn: 'Inquiry officer, Mueang Ratchaburi police station',
  },
  {
    email: 'policehead@oscc.example',
    role: 'unit_head',
    descriptionTh: 'ผู้กำกับการ สภ.เมืองราชบุรี',
    descriptionEn: 'Superintendent, Mueang Ratchaburi police station',
  },
  {
    email: 'executive@oscc.example',
    role: 'ministry_executive',
    descriptionTh: 'ผู้บริหารกระทรวง พม.',
    descriptionEn: 'Executive, MSDHS',
  },
];

export interface SeedDemoResult {
  seeded: boolean;
  agencies: number;
  units: number;
  accounts: DemoAccount[];
}

/**
 * Seeds the demo data set: the nine agencies and some departments, a
 * provincial social-development office for every province, hospital crisis
 * centres, police stations, shelters and labour offices in several
 * provinces, every municipality/SAO of Ratchaburi, and one account per
 * role. Does nothing if the demo is already there. Runs in one transaction.
 */
export async function seedDemo(db: Kysely<Database>, clock: Clock): Promise<SeedDemoResult> {
  const existing = await db.selectFrom('agency').select('id').where('code', '=', 'MSDHS').executeTakeFirst();
  if (existing) return { seeded: false, agencies: 0, units: 0, accounts: DEMO_ACCOUNTS };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const organisations = createOrganisationsRepository(trx);
    const geography = createGeographyRepository(trx);
    const users = createUsersRepository(trx);

    const agencyIds = new Map<string, string>();
    for (const agency of FRONT_LINE_AGENCIES) agencyIds.set(agency.code, await organisations.insertAgency(agency, now));
    for (const department of DEMO_DEPARTMENTS) {
      agencyIds.set(
        department.code,
        await organisations.insertAgency(
          { ...department, parentId: agencyIds.get(department.parentCode) ?? null },
          now,
        ),
      );
    }
    const agency = (code: string) => {
      const id = agencyIds.get(code);
      if (!id) throw new Error(`demo agency ${code} missing`);
      return id;
    };

    const provinces = await geography.listProvinces();
    const districtsByProvince = new Map<string, Awaited<ReturnType<typeof geography.listDistricts>>>();
    const districtCode = async (provinceCode: string, nameTh: string): Promise<string | null> => {
      let districts = districtsByProvince.get(provinceCode);
      if (!districts) {
        districts = await geography.listDistricts(provinceCode);
        districtsByProvince.set(provinceCode, districts);
      }
      return districts.find((d) => d.nameTh === nameTh)?.code ?? null;
    };
    const provinceName = (code: string) => provinces.find((p) => p.code === code);

    const units: NewUnit[] = [
      {
        agencyId: agency('MSDHS-OPS'),
        code: 'OSCC-1300',
        type: 'central_desk',
        nameTh: 'ศูนย์ช่วยเหลือสังคม สายด่วน 1300',
        nameEn: 'Social Assistance Center, Hotline 1300',
        provinceCode: '10',
        open24Hours: true,
      },
    ];
    for (const province of provinces) {
      if (province.code === '10') {
        units.push({
          agencyId: agency('BMA-SDD'),
          code: 'BMA-SDD-10',
          type: 'provincial_msdhs_office',
          nameTh: 'สำนักพัฒนาสังคม กรุงเทพมหานคร',
          nameEn: 'Social Development Department, Bangkok',
          provinceCode: '10',
        });
        continue;
      }
      units.push({
        agencyId: agency('MSDHS-OPS'),
        code: `MSDHS-PO-${province.code}`,
        type: 'provincial_msdhs_office',
        nameTh: `สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด${province.nameTh}`,
        nameEn: `${province.nameEn ?? province.nameTh} Provincial Office of Social Development and Human Security`,
        provinceCode: province.code,
        districtCode: await districtCode(province.code, `เมือง${province.nameTh}`),
      });
    }
    for (const code of DEMO_PROVINCES) {
      const province = provinceName(code);
      if (!province || code === '10') continue;
      const mueang = await districtCode(code, `เมือง${province.nameTh}`);
      units.push(
        {
          agencyId: agency('MSDHS-DCY'),
          code: `MSDHS-SHELTER-${code}`,
          type: 'children_family_shelter',
          nameTh: `บ้านพักเด็กและครอบครัวจังหวัด${province.nameTh}`,
          nameEn: `${province.nameEn ?? province.nameTh} Children and Family Shelter`,
          provinceCode: code,
          districtCode: mueang,
          open24Hours: true,
        },
        {
          agencyId: agency('MOL-DLPW'),
          code: `MOL-LPO-${code}`,
          type: 'labour_protection_office',
          nameTh: `สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด${province.nameTh}`,
          nameEn: `${province.nameEn ?? province.nameTh} Provincial Labour Protection and Welfare Office`,
          provinceCode: code,
          districtCode: mueang,
        },
        {
          agencyId: agency('MOJ-RLPD'),
          code: `MOJ-JO-${code}`,
          type: 'justice_office',
          nameTh: `สำนักงานยุติธรรมจังหวัด${province.nameTh}`,
          nameEn: `${province.nameEn ?? province.nameTh} Provincial Justice Office`,
          provinceCode: code,
          districtCode: mueang,
        },
      );
    }
    for (const [index, hospital] of DEMO_HOSPITALS.entries()) {
      units.push({
        agencyId: agency('MOPH-OPS'),
        code: `MOPH-OSCC-${hospital.provinceCode}-${String(index + 1).padStart(2, '0')}`,
        type: 'hospital_crisis_centre',
        nameTh: `ศูนย์พึ่งได้ ${hospital.hospital}`,
        nameEn: `OSCC Crisis Centre, ${hospital.hospitalEn}`,
        provinceCode: hospital.provinceCode,
        districtCode: await districtCode(hospital.provinceCode, hospital.districtTh),
        open24Hours: true,
      });
    }
    for (const [index, station] of DEMO_POLICE_STATIONS.entries()) {
      units.push({
        agencyId: agency('RTP'),
        code: `RTP-${station.provinceCode}-${String(index + 1).padStart(2, '0')}`,
        type: 'police_station',
        nameTh: station.nameTh,
        nameEn: station.nameEn,
        provinceCode: station.provinceCode,
        districtCode: await districtCode(station.provinceCode, station.districtTh),
        open24Hours: true,
      });
    }
    const local = provinceName(DEMO_LOCAL_PROVINCE);
    if (local) {
      units.push({
        agencyId: agency('MOI-DLA'),
        code: `MOI-PLAO-${local.code}`,
        type: 'provincial_local_administration',
        nameTh: `สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด${local.nameTh}`,
        nameEn: `${local.nameEn ?? local.nameTh} Provincial Local Administration Office`,
        provinceCode: local.code,
        districtCode: await districtCode(local.code, `เมือง${local.nameTh}`),
      });
      for (const [index, municipality] of DEMO_MUNICIPALITIES.entries()) {
        units.push({
          agencyId: agency('MOI-DLA'),
          code: `MOI-MUN-${local.code}-${String(index + 1).padStart(2, '0')}`,
          type: 'municipality',
          nameTh: municipality.nameTh,
          nameEn: municipality.nameEn,
          provinceCode: local.code,
          districtCode: await districtCode(local.code, municipality.districtTh),
        });
      }
      for (const district of await geography.listDistricts(local.code)) {
        for (const subdistrict of await geography.listSubdistricts(district.code)) {
          units.push({
            agencyId: agency('MOI-DLA'),
            code: `MOI-SAO-${subdistrict.code}`,
            type: 'subdistrict_administrative_organisation',
            nameTh: `องค์การบริหารส่วนตำบล${subdistrict.nameTh}`,
            nameEn: subdistrict.nameEn ? `${subdistrict.nameEn} Subdistrict Administrative Organization` : null,
            provinceCode: local.code,
            districtCode: district.code,
            subdistrictCode: subdistrict.code,
          });
        }
      }
    }
    units.push(
      {
        agencyId: agency('MOE-OBEC'),
        code: 'MOE-ESA-70-1',
        type: 'school',
        nameTh: 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษาราชบุรี เขต 1',
        nameEn: 'Ratchaburi Primary Educational Service Area Office 1',
        provinceCode: '70',
        districtCode: await districtCode('70', 'เมืองราชบุรี'),
      },
      {
        agencyId: agency('PATTAYA'),
        code: 'PATTAYA-SOCIAL',
        type: 'municipality',
        nameTh: 'สำนักสวัสดิการสังคม เมืองพัทยา',
        nameEn: 'Social Welfare Bureau, Pattaya City',
        provinceCode: '20',
        districtCode: await districtCode('20', 'บางละมุง'),
      },
    );
    const unitIds = await organisations.insertUnits(units, now);
    const policeStation = (provinceCode: string, nameTh: string) => {
      const index = DEMO_POLICE_STATIONS.findIndex((s) => s.provinceCode === provinceCode && s.nameTh === nameTh);
      if (index === -1) throw new Error(`demo police station ${nameTh} missing`);
      return `RTP-${provinceCode}-${String(index + 1).padStart(2, '0')}`;
    };
    const unit = (code: string) => {
      const id = unitIds.get(code);
      if (!id) throw new Error(`demo unit ${code} missing`);
      return id;
    };

    // Areas of responsibility and problem types, as routing will use them: the most specific area wins.
    const areas: {
      unit_id: string;
      level: 'province' | 'district' | 'subdistrict';
      code: string;
      province_code: string;
    }[] = [];
    const problems: { unit_id: string; problem_type_code: string }[] = [];
    for (const demoUnit of units) {
      const id = unit(demoUnit.code);
      const area = demoAreaOf(demoUnit);
      if (area) areas.push({ unit_id: id, ...area, province_code: area.code.slice(0, 2) });
      for (const code of DEMO_PROBLEM_TYPES[demoUnit.type] ?? [])
        problems.push({ unit_id: id, problem_type_code: code });
    }
    for (let i = 0; i < areas.length; i += 1000)
      await trx
        .insertInto('unit_area')
        .values(areas.slice(i, i + 1000))
        .execute();
    for (let i = 0; i < problems.length; i += 1000)
      await trx
        .insertInto('unit_problem_type')
        .values(problems.slice(i, i + 1000))
        .execute();

    const people: {
      account: DemoAccount;
      titleTh: string;
      first: [string, string];
      last: [string, string];
      position: string;
      unitCode: string;
      scope: NewRoleAssignment;
    }[] = [
      {
        account: DEMO_ACCOUNTS[0]!,
        titleTh: 'นาย',
        first: ['ธนากร', 'Thanakorn'],
        last: ['ศรีสุข', 'Srisuk'],
        position: 'ผู้ดูแลระบบ',
        unitCode: 'OSCC-1300',
        scope: { role: 'central_admin', scopeLevel: 'nation' },
      },
      {
        account: DEMO_ACCOUNTS[1]!,
        titleTh: 'นางสาว',
        first: ['กมลวรรณ', 'Kamonwan'],
        last: ['ใจดี', 'Jaidee'],
        position: 'เจ้าหน้าที่รับแจ้งเหตุ',
        unitCode: 'OSCC-1300',
        scope: { role: 'call_taker', scopeLevel: 'nation' },
      },
      {
        account: DEMO_ACCOUNTS[2]!,
        titleTh: 'นาง',
        first: ['สุภาพร', 'Supaporn'],
        last: ['วงศ์ไทย', 'Wongthai'],
        position: 'นักสังคมสงเคราะห์ชำนาญการ',
        unitCode: 'MSDHS-PO-70',
        scope: { role: 'social_worker', scopeLevel: 'province', provinceCode: '70' },
      },
      {
        account: DEMO_ACCOUNTS[3]!,
        titleTh: 'นางสาว',
        first: ['พิมพ์ชนก', 'Pimchanok'],
        last: ['รักษ์ดี', 'Rakdee'],
        position: 'พยาบาลวิชาชีพ',
        unitCode: 'MOPH-OSCC-70-03',
        scope: { role: 'unit_officer', scopeLevel: 'unit' },
      },
      {
        account: DEMO_ACCOUNTS[4]!,
        titleTh: 'นาย',
        first: ['วิชัย', 'Wichai'],
        last: ['มั่นคง', 'Mankong'],
        position: 'หัวหน้าศูนย์พึ่งได้',
        unitCode: 'MOPH-OSCC-70-03',
        scope: { role: 'unit_head', scopeLevel: 'unit' },
      },
      {
        account: DEMO_ACCOUNTS[5]!,
        titleTh: 'นาง',
        first: ['อรุณี', 'Arunee'],
        last: ['ทองคำ', 'Thongkham'],
        position: 'ผู้อำนวยการกลุ่มการพัฒนาสังคม',
        unitCode: 'MSDHS-PO-70',
        scope: { role: 'province_coordinator', scopeLevel: 'province', provinceCode: '70' },
      },
      {
        account: DEMO_ACCOUNTS[6]!,
        titleTh: 'ร.ต.อ.',
        first: ['ณัฐพล', 'Nattaphon'],
        last: ['กล้าหาญ', 'Klahan'],
        position: 'พนักงานสอบสวน (สบ 2)',
        unitCode: policeStation('70', 'สถานีตำรวจภูธรเมืองราชบุรี'),
        scope: { role: 'unit_officer', scopeLevel: 'unit' },
      },
      {
        account: DEMO_ACCOUNTS[7]!,
        titleTh: 'พ.ต.อ.',
        first: ['สมศักดิ์', 'Somsak'],
        last: ['ยุติธรรม', 'Yutitham'],
        position: 'ผู้กำกับการ สภ.เมืองราชบุรี',
        unitCode: policeStation('70', 'สถานีตำรวจภูธรเมืองราชบุรี'),
        scope: { role: 'unit_head', scopeLevel: 'unit' },
      },
      {
        account: DEMO_ACCOUNTS[8]!,
        titleTh: 'นาย',
        first: ['ประเสริฐ', 'Prasert'],
        last: ['บุญมา', 'Boonma'],
        position: 'รองปลัดกระทรวง',
        unitCode: 'OSCC-1300',
        scope: { role: 'ministry_executive', scopeLevel: 'ministry', agencyId: agency('MSDHS') },
      },
    ];
    for (const person of people) {
      const userId = await users.insert(
        {
          email: person.account.email,
          passwordHash,
          titleTh: person.titleTh,
          firstNameTh: person.first[0],
          lastNameTh: person.last[0],
          firstNameEn: person.first[1],
          lastNameEn: person.last[1],
          position: person.position,
          unitId: unit(person.unitCode),
        },
        now,
      );
      const scope =
        person.scope.scopeLevel === 'unit' ? { ...person.scope, unitId: unit(person.unitCode) } : person.scope;
      await users.assignRole(userId, scope);
    }
    return { seeded: true, agencies: agencyIds.size, units: units.length, accounts: DEMO_ACCOUNTS };
  });
}

const ALL_PROBLEMS = [
  'teen_pregnancy',
  'human_trafficking',
  'child_labour',
  'violence',
  'domestic_violence',
  'poverty',
  'homelessness',
  'begging',
  'elderly',
  'disability',
  'children_youth',
  'drugs',
  'missing_person',
  'mental_health',
  'online_abuse',
  'other',
];

/** Which problems each kind of demo unit takes (the documents' lead agencies and their partners). */
const DEMO_PROBLEM_TYPES: Partial<Record<NewUnit['type'], string[]>> = {
  central_desk: ALL_PROBLEMS,
  provincial_msdhs_office: ALL_PROBLEMS,
  children_family_shelter: ['violence', 'domestic_violence', 'teen_pregnancy', 'children_youth', 'human_trafficking'],
  hospital_crisis_centre: ['teen_pregnancy', 'violence', 'domestic_violence', 'mental_health'],
  police_station: ['human_trafficking', 'violence', 'domestic_violence', 'missing_person', 'online_abuse', 'drugs'],
  labour_protection_office: ['child_labour', 'human_trafficking'],
  justice_office: ['violence', 'domestic_violence', 'drugs'],
  provincial_local_administration: ['poverty', 'elderly', 'disability', 'homelessness'],
  municipality: ['poverty', 'elderly', 'disability', 'homelessness', 'begging'],
  subdistrict_administrative_organisation: ['poverty', 'elderly', 'disability'],
  school: ['children_youth', 'teen_pregnancy', 'child_labour', 'violence'],
};

/** A demo unit answers for its subdistrict, else its district (police, municipalities), else its province. */
function demoAreaOf(unit: NewUnit): { level: 'province' | 'district' | 'subdistrict'; code: string } | null {
  if (unit.type === 'central_desk') return null;
  if (unit.subdistrictCode) return { level: 'subdistrict', code: unit.subdistrictCode };
  if ((unit.type === 'police_station' || unit.type === 'municipality') && unit.districtCode)
    return { level: 'district', code: unit.districtCode };
  return unit.provinceCode ? { level: 'province', code: unit.provinceCode } : null;
}
