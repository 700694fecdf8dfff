import {
  thaiIdCheckDigit,
  type CasePersonInput,
  type ContactOutcome,
  type NewCaseInput,
  type RecordContactRequest,
} from '@oscc/contract';
import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';
import { createIntakeService, createSocialService } from '../intake/index.ts';
import { DEMO_PROVINCES } from './demo-agencies.ts';
import { generator } from './demo-random.ts';
import { seedDemoCasework, type DemoCaseworkResult } from './demo-casework.ts';

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
  /** Of the contacts: reports from the website and the mobile app, and LINE / Facebook conversations. */
  publicReports: number;
  conversations: number;
  /** Cases screened in the past (older than two days). */
  screened: number;
  /** Referrals and the work on the cases of the units with demo people. */
  casework: DemoCaseworkResult | null;
}

/** What people write on LINE and Messenger. */
const CHATS = [
  'สวัสดีค่ะ อยากปรึกษาเรื่องสามีทำร้ายร่างกาย',
  'ขอความช่วยเหลือครับ มีเด็กถูกทิ้งไว้ที่บ้านคนเดียวหลายวันแล้ว',
  'ลูกสาวอายุ 16 ตั้งครรภ์ ไม่รู้จะทำอย่างไรดี',
  'อยากทราบวิธีลงทะเบียนเบี้ยความพิการค่ะ',
  'พบคนไร้บ้านนอนป่วยอยู่หน้าตลาด',
  'เพื่อนถูกหลอกไปทำงานต่างประเทศ ติดต่อไม่ได้',
];

/** The only secret the demo's LINE and Messenger webhooks know: the demo signs its own messages. */
const DEMO_SOCIAL = {
  line: { channelSecret: 'demo-line-secret', accessToken: 'demo', apiUrl: 'http://127.0.0.1:9' },
  facebook: {
    appSecret: 'demo-facebook-secret',
    pageAccessToken: 'demo',
    verifyToken: 'demo',
    graphUrl: 'http://127.0.0.1:9',
  },
};

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
  if (count <= 0) return { contacts: 0, cases: 0, publicReports: 0, conversations: 0, screened: 0, casework: null };
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

  const social = createSocialService({
    db,
    clock: { now: () => new Date(current) },
    fields,
    line: DEMO_SOCIAL.line,
    facebook: DEMO_SOCIAL.facebook,
  });
  // The 1300 desk takes contacts nation-wide: the grant a call taker's role gives (and all triage needs).
  const callTakerActor = {
    principal: {
      userId: callTaker.id,
      unitId: callTaker.unit_id,
      grants: [
        {
          action: 'cases.intake' as const,
          conditions: [['everywhere' as const]],
          scope: { level: 'nation' as const, unitId: null, provinceCode: null, agencyId: null },
        },
      ],
    },
    requestId: null,
  };

  const newCase = (problem: string, province: string, victim: CasePersonInput): NewCaseInput => ({
    problemTypes: [problem],
    crisis:
      ['violence', 'human_trafficking', 'mental_health', 'domestic_violence'].includes(problem) && random.next() < 0.4,
    severity: random.int(1, 4),
    location: { areaCode: random.pick(byProvince.get(province) ?? subdistricts.map((s) => s.code.trim())) },
    narrative: random.pick(STORIES[problem] ?? ['ขอความช่วยเหลือ']),
    reporter: {
      anonymous: random.next() < 0.2,
      relation: random.pick(['self', 'family', 'neighbour', 'teacher'] as const),
    },
    people: [victim],
  });
  const newVictim = (problem: string): CasePersonInput => {
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
    return victim;
  };

  let cases = 0;
  let publicReports = 0;
  let conversations = 0;
  /** Earlier callers, some of whom call again about the same person (screening then suggests the earlier case). */
  const earlier: { phone: string; problem: string; province: string; victim: CasePersonInput }[] = [];
  for (const [index, time] of times.entries()) {
    current = time;
    const channelRoll = random.next();
    // About 4 % of contacts are reports from the website or the app, 4 % conversations on LINE or Messenger.
    if (channelRoll < 0.04) {
      const problem = random.weighted(PROBLEMS);
      const kase = newCase(problem, random.pick(provinces), newVictim(problem));
      await intake.submitPublicReport(
        {
          problemTypes: [problem],
          crisis: kase.crisis,
          location: kase.location,
          narrative: kase.narrative,
          reporter: { anonymous: true, relation: kase.reporter.relation },
          consent: true,
          source: random.next() < 0.6 ? 'web' : 'mobile_app',
        },
        null,
      );
      publicReports += 1;
      cases += 1;
      continue;
    }
    if (channelRoll < 0.08) {
      conversations += 1;
      const provider = random.next() < 0.75 ? 'line' : 'facebook';
      const userId =
        provider === 'line' ? `Udemo${String(index).padStart(28, '0')}` : String(6_800_000_000_000 + index);
      const text = random.pick(CHATS);
      if (provider === 'line') {
        const body = JSON.stringify({
          destination: 'Uoscc1300',
          events: [
            {
              type: 'message',
              mode: 'active',
              timestamp: time,
              webhookEventId: `01DEMO${index}`,
              deliveryContext: { isRedelivery: false },
              source: { type: 'user', userId },
              message: { id: `demo-${index}`, type: 'text', text },
            },
          ],
        });
        await social.receiveLine(
          body,
          createHmac('sha256', DEMO_SOCIAL.line.channelSecret).update(body).digest('base64'),
        );
      } else {
        const body = JSON.stringify({
          object: 'page',
          entry: [
            {
              id: '1300',
              time,
              messaging: [
                {
                  sender: { id: userId },
                  recipient: { id: '1300' },
                  timestamp: time,
                  message: { mid: `m_demo${index}`, text },
                },
              ],
            },
          ],
        });
        const signature = `sha256=${createHmac('sha256', DEMO_SOCIAL.facebook.appSecret).update(body).digest('hex')}`;
        await social.receiveFacebook(body, signature);
      }
      // The last days' conversations still wait for staff; the older ones were triaged.
      if (end - time > 2 * 86_400_000) {
        const conversation = await db
          .selectFrom('social_conversation')
          .select('id')
          .where('provider', '=', provider)
          .where('user_index', '=', fields.blindIndex(`${provider}_user`, userId))
          .executeTakeFirstOrThrow();
        const outcome: Exclude<ContactOutcome, 'pending'> = random.weighted(OUTCOMES);
        const problem = random.weighted(PROBLEMS);
        await intake.triageConversation(callTakerActor, conversation.id, {
          outcome,
          ...(outcome === 'case' ? { case: newCase(problem, random.pick(provinces), newVictim(problem)) } : {}),
        });
        if (outcome === 'case') cases += 1;
      }
      continue;
    }
    const walkIn = random.next() < 0.12;
    const actor = walkIn ? officer : callTaker;
    const outcome = random.weighted(OUTCOMES);
    const repeat = outcome === 'case' && earlier.length > 20 && random.next() < 0.05 ? random.pick(earlier) : null;
    const request: RecordContactRequest = {
      channel: walkIn ? 'walk_in' : random.next() < 0.03 ? 'international' : 'hotline',
      outcome,
      ...(outcome === 'silent'
        ? {}
        : {
            callerPhone: repeat?.phone ?? `08${random.int(0, 9)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`,
          }),
    };
    if (outcome === 'case') {
      const problem = repeat?.problem ?? random.weighted(PROBLEMS);
      const province = repeat?.province ?? (walkIn ? '70' : random.pick(provinces));
      const victim = repeat?.victim ?? newVictim(problem);
      request.case = newCase(problem, province, victim);
      if (!repeat && request.callerPhone) earlier.push({ phone: request.callerPhone, problem, province, victim });
      cases += 1;
    }
    await intake.recordContact(
      { principal: { userId: actor.id, unitId: actor.unit_id, grants: [] }, requestId: null },
      request,
    );
  }

  // Cases older than two days were screened then (problem and routing kept): the queue holds the recent ones.
  const screened = await db
    .updateTable('case_file')
    .set({
      screened_at: sql`created_at + interval '3 hours'`,
      screened_by: callTaker.id,
    })
    .where('created_at', '<', new Date(end - 2 * 86_400_000))
    .where('screened_at', 'is', null)
    .where('status', '=', 'new')
    .executeTakeFirst();
  current = end;
  const casework = await seedDemoCasework({ db, fields, end });
  return {
    contacts: count,
    cases,
    publicReports,
    conversations,
    screened: Number(screened.numUpdatedRows),
    casework,
  };
}
