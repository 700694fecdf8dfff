import { thaiIdCheckDigit, type CasePersonInput, type NewCaseInput, type RecordContactRequest } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';
import { createIntakeService } from '../intake/index.ts';
import { DEMO_PROVINCES } from './demo-agencies.ts';

/** A small seeded generator (mulberry32): the same demo every time. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [item, weight] of items) if ((roll -= weight) < 0) return item;
      return items.at(-1)![0];
    },
  };
}

const OUTCOMES = [
  ['case', 34],
  ['advice', 33],
  ['information', 14],
  ['referred_elsewhere', 5],
  ['prank', 6],
  ['silent', 6],
  ['wrong_number', 2],
] as const;

// The documents: most reported were domestic violence, poor families, elderly and disabled people, beggars, the homeless.
const PROBLEMS = [
  ['domestic_violence', 18],
  ['poverty', 16],
  ['elderly', 12],
  ['disability', 9],
  ['begging', 7],
  ['homelessness', 7],
  ['violence', 9],
  ['teen_pregnancy', 6],
  ['human_trafficking', 3],
  ['child_labour', 3],
  ['children_youth', 4],
  ['mental_health', 3],
  ['missing_person', 2],
  ['online_abuse', 1],
] as const;

const STORIES: Record<string, string[]> = {
  domestic_violence: ['สามีดื่มสุราแล้วทำร้ายร่างกายภรรยาเป็นประจำ', 'ผู้แจ้งถูกคู่สมรสข่มขู่และทำร้าย ต้องการที่พักปลอดภัย'],
  poverty: ['ครอบครัวขาดรายได้หลังหัวหน้าครอบครัวตกงาน มีบุตรเล็กสามคน', 'ขอความช่วยเหลือค่าอาหารและค่าเล่าเรียนบุตร'],
  elderly: ['ผู้สูงอายุอาศัยอยู่ลำพัง เจ็บป่วย ไม่มีผู้ดูแล', 'ลูกหลานทอดทิ้งผู้สูงอายุไว้ที่บ้าน'],
  disability: ['คนพิการต้องการกายอุปกรณ์และการลงทะเบียนเบี้ยความพิการ', 'ผู้ดูแลคนพิการติดเตียงต้องการความช่วยเหลือ'],
  begging: ['พบเด็กขอทานบริเวณตลาดเป็นประจำ', 'พบผู้สูงอายุขอทานบริเวณสะพานลอย'],
  homelessness: ['พบคนไร้บ้านนอนบริเวณสถานีขนส่ง มีอาการเจ็บป่วย', 'ผู้แจ้งไม่มีที่พักอาศัยหลังถูกไล่ออกจากห้องเช่า'],
  violence: ['ได้ยินเสียงเด็กร้องและถูกตีทุกคืนที่บ้านข้างเคียง', 'เด็กนักเรียนมีร่องรอยถูกทำร้าย ครูจึงโทรแจ้ง'],
  teen_pregnancy: ['นักเรียนหญิงอายุ 15 ปี ตั้งครรภ์ ไม่กล้าบอกผู้ปกครอง', 'วัยรุ่นตั้งครรภ์ไม่พร้อม ต้องการคำปรึกษาทางเลือก'],
  human_trafficking: ['แรงงานต่างด้าวถูกยึดเอกสารและบังคับทำงานบนเรือประมง', 'หญิงสาวถูกหลอกไปทำงานและถูกกักขัง'],
  child_labour: ['พบเด็กอายุประมาณ 12 ปี ทำงานในโรงงานช่วงเวลาเรียน', 'เด็กถูกใช้แรงงานในร้านอาหารจนดึกทุกวัน'],
  children_youth: ['เด็กหนีออกจากบ้าน ผู้ปกครองตามหา', 'เด็กติดเกมและไม่ไปโรงเรียน ผู้ปกครองขอคำปรึกษา'],
  mental_health: ['ผู้โทรมีภาวะซึมเศร้า มีความคิดทำร้ายตนเอง', 'ญาติแจ้งผู้ป่วยจิตเวชขาดยาและมีอาการกำเริบ'],
  missing_person: ['ผู้สูงอายุมีภาวะสมองเสื่อมออกจากบ้านแล้วไม่กลับมา', 'บุตรสาวขาดการติดต่อตั้งแต่เมื่อวาน'],
  online_abuse: ['เด็กถูกข่มขู่ให้ส่งภาพส่วนตัวผ่านสื่อออนไลน์', 'ผู้แจ้งถูกเผยแพร่ภาพโดยไม่ยินยอม'],
};

const FIRST = ['สมชาย', 'สมศรี', 'มาลี', 'ประเสริฐ', 'วิไล', 'สุดา', 'อนันต์', 'นภา', 'ชัยวัฒน์', 'กาญจนา', 'ธีรพงษ์', 'ปราณี'];
const LAST = ['ใจดี', 'ทองคำ', 'ศรีสุข', 'มั่นคง', 'แก้วมณี', 'บุญมา', 'สายทอง', 'พรหมมา', 'รุ่งเรือง', 'จันทร์เพ็ญ'];

const randomThaiId = (random: ReturnType<typeof generator>) => {
  let first12 = String(random.int(1, 8));
  for (let i = 0; i < 11; i += 1) first12 += String(random.int(0, 9));
  return `${first12}${thaiIdCheckDigit(first12)}`;
};

export interface DemoCasesResult {
  contacts: number;
  cases: number;
}

/**
 * A working centre's recent months: contacts on the hotline and at counters,
 * about a third becoming cases, spread over the demo provinces and the past
 * 120 days — written through the intake service itself, so routing, numbering
 * and field protection are those of real intake.
 */
export async function seedDemoCases({
  db,
  clock,
  fields,
  count,
  seed = 1300,
}: {
  db: Kysely<Database>;
  clock: Clock;
  fields: FieldProtector;
  count: number;
  seed?: number;
}): Promise<DemoCasesResult> {
  if (count <= 0) return { contacts: 0, cases: 0 };
  const random = generator(seed);
  const end = clock.now().getTime();
  const start = end - 120 * 86_400_000;
  const times = Array.from({ length: count }, () => start + random.next() * (end - start)).sort((a, b) => a - b);
  let current = start;
  const intake = createIntakeService({ db, clock: { now: () => new Date(current) }, fields });

  const callTaker = await db
    .selectFrom('app_user')
    .select(['id', 'unit_id'])
    .where('email', '=', 'calltaker@oscc.example')
    .executeTakeFirstOrThrow();
  const officer = await db
    .selectFrom('app_user')
    .select(['id', 'unit_id'])
    .where('email', '=', 'officer@oscc.example')
    .executeTakeFirstOrThrow();
  const subdistricts = await db
    .selectFrom('geo_subdistrict')
    .select(['code', 'province_code'])
    .where('province_code', 'in', [...DEMO_PROVINCES])
    .execute();
  const byProvince = new Map<string, string[]>();
  for (const s of subdistricts)
    byProvince.set(s.province_code.trim(), [...(byProvince.get(s.province_code.trim()) ?? []), s.code.trim()]);
  const provinces = [...byProvince.keys()];

  let cases = 0;
  for (const time of times) {
    current = time;
    const walkIn = random.next() < 0.12;
    const actor = walkIn ? officer : callTaker;
    const outcome = random.weighted(OUTCOMES);
    const request: RecordContactRequest = {
      channel: walkIn ? 'walk_in' : random.next() < 0.03 ? 'international' : 'hotline',
      outcome,
      ...(outcome === 'silent'
        ? {}
        : { callerPhone: `08${random.int(0, 9)}${String(random.int(0, 9_999_999)).padStart(7, '0')}` }),
    };
    if (outcome === 'case') {
      const problem = random.weighted(PROBLEMS);
      const province = walkIn ? '70' : random.pick(provinces);
      const victim: CasePersonInput = {
        role: 'victim',
        name: `${random.pick(FIRST)} ${random.pick(LAST)}`,
        idType: random.next() < 0.6 ? 'thai_id' : 'none',
        sex: random.pick(['female', 'female', 'male', 'unknown'] as const),
        disability: problem === 'disability',
        estimatedAge:
          problem === 'elderly'
            ? random.int(62, 90)
            : problem === 'teen_pregnancy'
              ? random.int(13, 19)
              : random.int(4, 60),
      };
      if (victim.idType === 'thai_id') victim.idNumber = randomThaiId(random);
      const kase: NewCaseInput = {
        problemTypes: [problem],
        crisis:
          ['violence', 'human_trafficking', 'mental_health', 'domestic_violence'].includes(problem) &&
          random.next() < 0.4,
        severity: random.int(1, 4),
        location: { areaCode: random.pick(byProvince.get(province) ?? subdistricts.map((s) => s.code.trim())) },
        narrative: random.pick(STORIES[problem] ?? ['ขอความช่วยเหลือ']),
        reporter: {
          anonymous: random.next() < 0.2,
          relation: random.pick(['self', 'family', 'neighbour', 'teacher'] as const),
        },
        people: [victim],
      };
      request.case = kase;
      cases += 1;
    }
    await intake.recordContact(
      { principal: { userId: actor.id, unitId: actor.unit_id, grants: [] }, requestId: null },
      request,
    );
  }
  return { contacts: count, cases };
}
