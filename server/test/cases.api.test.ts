import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './harness.ts';

/**
 * Screening: the queues, one case seen (and the view audited), likely
 * duplicates, links, merges, the screening decision with routing again or by
 * hand, attachments checked by content — each within the actor's reach.
 */
let t: TestApp;
let calltaker: string;
let coordinator: string; // Ratchaburi (70)
let officer: string; // a Ratchaburi hospital unit
let executive: string; // MSDHS

/** The smallest valid PNG (1×1), and a JPEG header with a body. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082',
  'hex',
);

async function multipart(
  files: { name: string; content: Buffer; type?: string }[],
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files)
    form.append('files', new Blob([new Uint8Array(file.content)], { type: file.type ?? 'image/png' }), file.name);
  const request = new Request('http://local/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type')!,
  };
}

const hotlineCase = (phone: string, name: string, areaCode: string, problem = 'domestic_violence') => ({
  channel: 'hotline',
  callerPhone: phone,
  outcome: 'case',
  case: {
    problemTypes: [problem],
    location: { areaCode },
    narrative: `ผู้แจ้งเล่าว่า${name}ถูกทำร้ายร่างกาย`,
    people: [{ role: 'victim', name, idType: 'none', sex: 'female', phone }],
  },
});

async function record(payload: object): Promise<{ id: string; caseNumber: string; status: string }> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/intake/contacts',
    headers: { cookie: calltaker },
    payload,
  });
  expect(response.statusCode).toBe(201);
  return response.json().case;
}

const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });
const post = (cookie: string, url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, payload });

beforeAll(async () => {
  t = await createTestApp();
  calltaker = await signIn(t.app, 'calltaker@oscc.example');
  coordinator = await signIn(t.app, 'coordinator@oscc.example');
  officer = await signIn(t.app, 'officer@oscc.example');
  executive = await signIn(t.app, 'executive@oscc.example');
  // A problem no unit takes yet: its cases go to the central triage queue.
  const admin = await signIn(t.app, 'admin@oscc.example');
  const created = await post(admin, '/api/problem-types', {
    code: 'test_unclaimed',
    nameTh: 'ปัญหาที่ยังไม่มีหน่วยรับ',
    nameEn: 'Unclaimed problem',
    urgent: false,
    leadAgencyCode: null,
    sortOrder: 900,
    active: true,
  });
  expect(created.statusCode).toBe(201);
});
afterAll(async () => t.close());

describe('the screening queues', () => {
  it('list unscreened cases crisis first, and the triage queue, each within the actor’s reach', async () => {
    const ordinary = await record(hotlineCase('0811110001', 'นางสาวกุหลาบ', '70'));
    const crisis = await record({
      ...hotlineCase('0811110002', 'เด็กหญิงดาว', '70'),
      case: { ...hotlineCase('0811110002', 'เด็กหญิงดาว', '70').case, crisis: true },
    });
    const nobodyTakes = await record(hotlineCase('0811110003', 'นายไม่มีใคร', '38', 'test_unclaimed'));

    const queue = (await get(calltaker, '/api/cases?limit=100')).json();
    const ids = queue.items.map((c: { id: string }) => c.id);
    expect(ids.indexOf(crisis.id)).toBeLessThan(ids.indexOf(ordinary.id));
    expect(queue.items[0].crisis).toBe(true);
    expect(queue.total).toBe(queue.items.length);

    const triage = (await get(calltaker, '/api/cases?queue=triage')).json();
    expect(triage.items.map((c: { id: string }) => c.id)).toContain(nobodyTakes.id);
    expect(triage.items.every((c: { status: string }) => c.status === 'triage')).toBe(true);
    // No identifying detail in a queue.
    expect(JSON.stringify(queue)).not.toContain('กุหลาบ');

    // The Ratchaburi coordinator sees Ratchaburi's cases only; a unit officer has no screening queue.
    const ratchaburi = (await get(coordinator, '/api/cases?limit=100')).json();
    expect(ratchaburi.items.length).toBeGreaterThan(0);
    expect(ratchaburi.items.every((c: { areaCode: string }) => c.areaCode.startsWith('70'))).toBe(true);
    expect((await get(officer, '/api/cases')).statusCode).toBe(403);
  });
});

describe('one case', () => {
  it('shows everything to those who may read it, records who looked, and does not exist for others', async () => {
    const kase = await record(hotlineCase('0811110010', 'นางมาลี ศรีสุข', '38'));
    const response = await get(calltaker, `/api/cases/${kase.id}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({
      caseNumber: kase.caseNumber,
      narrative: expect.stringContaining('นางมาลี'),
      people: [expect.objectContaining({ name: 'นางมาลี ศรีสุข', phone: '+66811110010' })],
      contacts: [expect.objectContaining({ outcome: 'case', channel: 'hotline' })],
      version: 1,
    });
    const viewed = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_user_id'])
      .where('entity_id', '=', kase.id)
      .where('action', '=', 'case.view')
      .execute();
    expect(viewed).toHaveLength(1);
    // Bueng Kan is outside the Ratchaburi coordinator's province: the case does not exist for them.
    expect((await get(coordinator, `/api/cases/${kase.id}`)).statusCode).toBe(404);
    expect((await get(calltaker, '/api/cases/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('screening', () => {
  it('suggests the earlier case of the same phone and a similar name, links it, and merges a duplicate', async () => {
    const first = await record(hotlineCase('0822220001', 'นางสาวสมศรี ใจงาม', '70'));
    const second = await record(hotlineCase('0822220001', 'นางสาวสมศรี  ใจงาม', '70'));
    const similar = await record(hotlineCase('0822220999', 'นางสาวสมศรี ใจงามม', '70'));

    const related = (await get(calltaker, `/api/cases/${second.id}/related`)).json().items;
    expect(related).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: first.id, reasons: ['same_phone', 'similar_name'] }),
        expect.objectContaining({ id: similar.id, reasons: ['similar_name'] }),
      ]),
    );
    expect(related.map((r: { id: string }) => r.id)).not.toContain(second.id);

    // Link the similar one: it leaves the suggestions and shows on both cases.
    const linked = await post(calltaker, `/api/cases/${second.id}/links`, {
      relatedCaseId: similar.id,
      reason: 'พี่น้องกัน',
    });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().links).toEqual([
      expect.objectContaining({ id: similar.id, relation: 'related', reason: 'พี่น้องกัน' }),
    ]);
    const fromOtherSide = (await get(calltaker, `/api/cases/${similar.id}`)).json();
    expect(fromOtherSide.links.map((l: { id: string }) => l.id)).toEqual([second.id]);
    const after = (await get(calltaker, `/api/cases/${second.id}/related`)).json().items;
    expect(after.map((r: { id: string }) => r.id)).not.toContain(similar.id);
    expect(
      (await post(calltaker, `/api/cases/${second.id}/links`, { relatedCaseId: second.id, reason: 'x' })).statusCode,
    ).toBe(400);

    // Merge the duplicate into the first: a stale version is refused, then it merges, and only once.
    const stale = await post(calltaker, `/api/cases/${second.id}/merge`, {
      version: 99,
      intoCaseId: first.id,
      reason: 'x',
    });
    expect(stale.statusCode).toBe(409);
    const merged = await post(calltaker, `/api/cases/${second.id}/merge`, {
      version: 1,
      intoCaseId: first.id,
      reason: 'โทรซ้ำเรื่องเดิม',
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: { id: first.id }, contacts: [] });
    const survivor = (await get(calltaker, `/api/cases/${first.id}`)).json();
    expect(survivor.contacts).toHaveLength(2);
    expect(survivor.links).toEqual([expect.objectContaining({ id: second.id, relation: 'merged_here' })]);
    expect(
      (await post(calltaker, `/api/cases/${second.id}/merge`, { version: 2, intoCaseId: first.id, reason: 'x' }))
        .statusCode,
    ).toBe(409);
    // A merged case leaves the queue and the suggestions.
    const queue = (await get(calltaker, '/api/cases?limit=100')).json();
    expect(queue.items.map((c: { id: string }) => c.id)).not.toContain(second.id);
    const unlinked = await t.app.inject({
      method: 'DELETE',
      url: `/api/cases/${second.id}/links/${similar.id}`,
      headers: { cookie: calltaker },
    });
    expect(unlinked.json().links.filter((l: { relation: string }) => l.relation === 'related')).toEqual([]);
    const trail = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', 'in', [first.id, second.id])
      .execute();
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['case.link', 'case.merge', 'case.merge.received', 'case.unlink']),
    );
  });

  it('changes what the case is and routes it again by the rules, or to a unit chosen with a reason', async () => {
    const kase = await record(hotlineCase('0833330001', 'นางสาวนภา', '38', 'test_unclaimed'));
    expect(kase.status).toBe('triage');
    const screen = (payload: object) => post(calltaker, `/api/cases/${kase.id}/screening`, payload);

    const rerouted = await screen({
      version: 1,
      problemTypes: ['violence'],
      crisis: true,
      severity: 4,
      route: { kind: 'auto' },
    });
    expect(rerouted.statusCode).toBe(200);
    expect(rerouted.json()).toMatchObject({
      status: 'new',
      crisis: true,
      severity: 4,
      problemTypes: ['violence'],
      routing: { kind: 'area' },
      screenedAt: expect.any(String),
      version: 2,
    });
    expect(
      (await screen({ version: 1, problemTypes: ['violence'], crisis: true, severity: 4, route: { kind: 'keep' } }))
        .statusCode,
    ).toBe(409);

    const unit = await t.database.db
      .selectFrom('unit')
      .select(['id', 'name_th'])
      .where('code', '=', 'MSDHS-PO-70')
      .executeTakeFirstOrThrow();
    const chosen = await screen({
      version: 2,
      problemTypes: ['violence', 'domestic_violence'],
      crisis: true,
      severity: 4,
      route: { kind: 'unit', unitId: unit.id, reason: 'ผู้เสียหายย้ายไปอยู่ราชบุรีแล้ว' },
    });
    expect(chosen.json()).toMatchObject({
      responsibleUnit: { id: unit.id },
      routing: { kind: 'manual', unitId: unit.id, reason: 'ผู้เสียหายย้ายไปอยู่ราชบุรีแล้ว' },
      version: 3,
    });
    const bad = await screen({
      version: 3,
      problemTypes: ['no_such_problem'],
      crisis: false,
      severity: 2,
      route: { kind: 'keep' },
    });
    expect(bad.json().error.fields[0]).toMatchObject({ path: 'body.problemTypes', code: 'unknown_problem_type' });
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'before_state', 'after_state'])
      .where('entity_id', '=', kase.id)
      .where('action', '=', 'case.screen')
      .execute();
    expect(audit).toHaveLength(2);
  });
});

describe('attachments', () => {
  it('takes photos and PDFs by their content, stores them encrypted, and audits each opening', async () => {
    const kase = await record(hotlineCase('0844440001', 'นางสาวแก้ว', '38'));
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const { payload, contentType } = await multipart([
      { name: 'แผล.png', content: PNG },
      { name: 'ใบรับแจ้งความ.pdf', content: pdf, type: 'application/pdf' },
    ]);
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${kase.id}/attachments`,
      headers: { cookie: calltaker, 'content-type': contentType },
      payload,
    });
    expect(uploaded.statusCode).toBe(200);
    const list = uploaded.json().attachmentList;
    expect(list).toEqual([
      expect.objectContaining({ mediaType: 'image/png', fileName: 'แผล.png', byteSize: PNG.length, source: 'staff' }),
      expect.objectContaining({ mediaType: 'application/pdf', fileName: 'ใบรับแจ้งความ.pdf' }),
    ]);
    const stored = await t.database.db
      .selectFrom('case_attachment')
      .select('content_protected')
      .where('id', '=', list[0].id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(stored.content_protected).includes(PNG.subarray(16))).toBe(false);

    const photo = await get(calltaker, `/api/cases/${kase.id}/attachments/${list[0].id}?disposition=inline`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['content-disposition']).toMatch(/^inline;/);
    expect(photo.rawPayload.equals(PNG)).toBe(true);
    // A PDF is never shown inline, and its name travels encoded.
    const document = await get(calltaker, `/api/cases/${kase.id}/attachments/${list[1].id}?disposition=inline`);
    expect(document.headers['content-disposition']).toMatch(/^attachment;.*filename\*=UTF-8''/);
    expect(document.headers['x-content-type-options']).toBe('nosniff');
    const opened = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', kase.id)
      .where('action', '=', 'case.attachment.view')
      .execute();
    expect(opened).toHaveLength(2);
    // Someone without the case cannot open its files.
    expect((await get(coordinator, `/api/cases/${kase.id}/attachments/${list[0].id}`)).statusCode).toBe(404);
  });

  it('refuses a file that is not what it claims, an oversized file and too many files — and keeps nothing', async () => {
    const kase = await record(hotlineCase('0844440002', 'นางสาวพลอย', '38'));
    const before = await t.database.db
      .selectFrom('case_attachment')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const send = async (files: { name: string; content: Buffer; type?: string }[]) => {
      const { payload, contentType } = await multipart(files);
      return t.app.inject({
        method: 'POST',
        url: `/api/cases/${kase.id}/attachments`,
        headers: { cookie: calltaker, 'content-type': contentType },
        payload,
      });
    };
    const script = await send([
      { name: 'ok.png', content: PNG },
      { name: 'photo.jpg', content: Buffer.from('<script>alert(1)</script>'), type: 'image/jpeg' },
    ]);
    expect(script.statusCode).toBe(400);
    expect(script.json().error.fields).toEqual([
      expect.objectContaining({ path: 'body.files.1', code: 'unsupported_file_type' }),
    ]);
    const huge = await send([{ name: 'big.png', content: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]) }]);
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const many = await send(Array.from({ length: 6 }, (_, i) => ({ name: `${i}.png`, content: PNG })));
    expect(many.statusCode).toBe(413);
    const none = await send([]);
    expect(none.statusCode).toBe(400);
    const json = await post(calltaker, `/api/cases/${kase.id}/attachments`, { files: [] });
    expect(json.statusCode).toBe(415);
    const after = await t.database.db
      .selectFrom('case_attachment')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('reach', () => {
  it('lets a ministry executive read their ministry’s cases only, and screen none', async () => {
    const units = await t.database.db
      .selectFrom('unit')
      .select(['id', 'code'])
      .where('code', 'in', ['MSDHS-PO-70', 'MOPH-OSCC-70-03'])
      .execute();
    const unitId = (code: string) => units.find((u) => u.code === code)!.id;
    const ours = await record(hotlineCase('0855550001', 'นางสาวอรุณ', '70'));
    const theirs = await record(hotlineCase('0855550002', 'นางสาวจันทร์', '70'));
    for (const [kase, code] of [
      [ours, 'MSDHS-PO-70'],
      [theirs, 'MOPH-OSCC-70-03'],
    ] as const) {
      const version = (await get(calltaker, `/api/cases/${kase.id}`)).json().version;
      const routed = await post(calltaker, `/api/cases/${kase.id}/screening`, {
        version,
        problemTypes: ['domestic_violence'],
        crisis: false,
        severity: 2,
        route: { kind: 'unit', unitId: unitId(code), reason: 'ทดสอบขอบเขต' },
      });
      expect(routed.statusCode).toBe(200);
    }
    expect((await get(executive, `/api/cases/${ours.id}`)).statusCode).toBe(200);
    expect((await get(executive, `/api/cases/${theirs.id}`)).statusCode).toBe(404);
    expect((await get(executive, '/api/cases')).statusCode).toBe(403);
    // The hospital's officer reads the case sent to the hospital, and may not screen it.
    expect((await get(officer, `/api/cases/${theirs.id}`)).statusCode).toBe(200);
    expect((await get(officer, `/api/cases/${ours.id}`)).statusCode).toBe(404);
    expect((await get(officer, `/api/cases/${theirs.id}/related`)).statusCode).toBe(403);
  });
});
