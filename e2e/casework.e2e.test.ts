import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasNoHorizontalOverflow,
  screenshot,
  SCREENSHOTS,
  seriousAccessibilityProblems,
  visible,
  WAIT_MS,
  csrfHeaders,
  signInAs,
} from './support/pages.ts';
import { useAppUnderTest } from './support/suite.ts';

const CALL_TAKER = 'calltaker@oscc.example';
const POLICE = 'police@oscc.example'; // unit officer, Mueang Ratchaburi police station
const POLICE_HEAD = 'policehead@oscc.example'; // unit head, the same station
const STATION = 'สถานีตำรวจภูธรเมืองราชบุรี';

const app = useAppUnderTest();

/** A human-trafficking report recorded at the hotline, through the API as the call-taker. */
async function recordCase(page: Page): Promise<{ id: string; caseNumber: string }> {
  const response = await page.request.post('/api/intake/contacts', {
    headers: await csrfHeaders(page),
    data: {
      callerPhone: '081 777 1300',
      outcome: 'case',
      case: {
        problemTypes: ['human_trafficking'],
        crisis: true,
        severity: 4,
        location: { areaCode: '700101', address: 'ร้านคาราโอเกะริมถนนเพชรเกษม' },
        narrative: 'หญิงสาวถูกหลอกมาทำงานในร้านคาราโอเกะ ถูกยึดบัตรประชาชนและถูกกักตัว',
        reporter: { anonymous: true, relation: 'other' },
        people: [{ role: 'victim', name: 'นางสาวมะลิ ใจงาม', idType: 'none', estimatedAge: 19, sex: 'female' }],
      },
    },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { case: { id: string; caseNumber: string } };
  return body.case;
}

/** A date and time in Bangkok as a datetime-local input takes it ("2026-12-03T16:30"). */
function bangkokInput(instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Bangkok',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(instant)
    .replace(' ', 'T');
}

const region = (page: Page, name: RegExp | string) => page.getByRole('region', { name });

describe('working a human-trafficking case from the referral to the follow-up', () => {
  let context: BrowserContext;
  let page: Page;
  const consoleProblems: string[] = [];
  let kase: { id: string; caseNumber: string };

  beforeAll(async () => {
    context = await app.newContext({ width: 1280, height: 900 });
    page = await context.newPage();
    await signInAs(page, CALL_TAKER);
    kase = await recordCase(page);
    page.on('console', (message) => {
      // Expected: the sign-in page asking for a session after signing out (401), and the plan conflict (409).
      if (/status of (401|409)\b/.test(message.text())) return;
      if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(error.message));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('is sent by the call-taker to the police station as its lead unit', async () => {
    await page.goto(`/cases/${kase.id}`);
    await visible(page.getByRole('heading', { level: 1, name: `เรื่อง ${kase.caseNumber}` }));
    const card = region(page, 'การส่งต่อถึงหน่วยงาน');
    const form = card.getByRole('form', { name: 'ส่งต่อ' });
    await form.getByLabel('ค้นหาหน่วยงาน').fill(STATION);
    const unitSelect = form.getByLabel('หน่วยงานที่จะส่งต่อ');
    await page.waitForFunction(
      ([element, name]) => [...(element as HTMLSelectElement).options].some((o) => o.text.startsWith(name as string)),
      [await unitSelect.elementHandle(), STATION] as const,
      { timeout: WAIT_MS },
    );
    const value = await unitSelect.evaluate(
      (element, name) => [...(element as HTMLSelectElement).options].find((o) => o.text.startsWith(name))?.value ?? '',
      STATION,
    );
    await unitSelect.selectOption(value);
    await form.getByRole('button', { name: 'ส่งต่อ', exact: true }).click();
    await visible(card.getByText(`ส่งต่อถึง ${STATION} แล้ว`));
    // Referred, the case is past screening: the call-taker is no longer offered the screening form.
    await expect.poll(() => page.getByRole('form', { name: 'คัดกรอง', exact: true }).count()).toBe(0);

    // The procedure runs on the case: the answer is awaited, the rest waits its turn.
    const procedure = region(page, 'ขั้นตอนตามแนวทางการปฏิบัติ');
    const accept = procedure.getByTestId('case-step-accept_referral');
    await visible(accept.getByText('กำลังดำเนินการ'));
    await visible(accept.getByText(/เหลือ \d+ ชั่วโมง/));
    await visible(procedure.getByTestId('case-step-follow_up').getByText('ยังไม่ถึงขั้นตอนนี้'));
    // Nothing to plan, give or close before the lead unit has taken the case.
    expect(await region(page, 'แผนการช่วยเหลือ').count()).toBe(0);
    expect(await region(page, 'ยุติการให้บริการและติดตามผล').count()).toBe(0);
    expect(consoleProblems).toEqual([]);
  });

  it('shows in the police officer’s “my work”, who accepts it and works it to the closure request', async () => {
    await signInAs(page, POLICE);
    const menu = page.getByRole('navigation', { name: 'เมนูหลัก' });
    await menu.getByRole('link', { name: 'งานของฉัน', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'งานของฉัน' }));
    const row = page.getByRole('row').filter({ hasText: kase.caseNumber });
    await visible(row);
    await visible(row.getByText('ตอบรับเรื่องส่งต่อ').first());
    await visible(row.getByText('วิกฤต', { exact: true }));
    await visible(row.getByText(/^เหลือ (23|24) ชั่วโมง/));
    await visible(row.getByText(/25\d\d/).first());
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'casework-01-my-work');

    await row.getByRole('link', { name: kase.caseNumber }).click();
    await visible(page.getByRole('heading', { level: 1, name: `เรื่อง ${kase.caseNumber}` }));
    await region(page, 'การส่งต่อถึงหน่วยงาน').getByRole('button', { name: 'รับเรื่อง', exact: true }).click();
    await visible(page.locator('.case-header').getByText('อยู่ระหว่างดำเนินการ'));
    const procedure = region(page, 'ขั้นตอนตามแนวทางการปฏิบัติ');
    await visible(procedure.getByTestId('case-step-accept_referral').getByText('เสร็จแล้ว'));
    const protection = procedure.getByTestId('case-step-temporary_protection');
    await visible(protection.getByText('กำลังดำเนินการ'));
    await visible(protection.getByText(/เหลือ (23|24) ชั่วโมง/));

    // A contact must say how it was made; a home visit gives the temporary protection.
    const notes = region(page, /^บันทึกการดำเนินงาน/);
    const noteForm = notes.getByRole('form', { name: 'เพิ่มบันทึก' });
    await noteForm.getByRole('radio', { name: /^ติดต่อผู้ประสบปัญหา/ }).check();
    await noteForm.getByLabel('รายละเอียด').fill('ลงพื้นที่พบผู้เสียหาย นำตัวออกจากร้าน ส่งบ้านพักเด็กและครอบครัวจังหวัดราชบุรี');
    await noteForm.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await visible(noteForm.getByText('กรุณาเลือกว่าติดต่ออย่างไร'));
    await noteForm.getByLabel('ติดต่ออย่างไร').selectOption({ label: 'เยี่ยมบ้าน / ลงพื้นที่' });
    await screenshot(page, 'casework-02-contact-form');
    await noteForm.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await visible(notes.getByText('บันทึก “ติดต่อผู้ประสบปัญหา” แล้ว'));
    await visible(protection.getByText('เสร็จแล้ว'));
    await visible(procedure.getByTestId('case-step-victim_identification').getByText('กำลังดำเนินการ'));

    // The multidisciplinary team's screening.
    await noteForm.getByRole('radio', { name: /^คัดแยกโดยทีมสหวิชาชีพ/ }).check();
    await noteForm.getByLabel('รายละเอียด').fill('ทีมสหวิชาชีพคัดแยกแล้ว: เป็นผู้เสียหายจากการค้ามนุษย์');
    await noteForm.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await visible(notes.getByText('บันทึก “คัดแยกโดยทีมสหวิชาชีพ” แล้ว'));
    await visible(procedure.getByTestId('case-step-victim_identification').getByText('เสร็จแล้ว'));

    // The plan; someone saving a newer revision meanwhile is a conflict that keeps what was typed.
    const plan = region(page, 'แผนการช่วยเหลือ');
    await plan.getByRole('button', { name: 'จัดทำแผน' }).click();
    let planForm = plan.getByRole('form', { name: 'จัดทำแผนการช่วยเหลือ' });
    await planForm.getByLabel('การประเมินสภาพปัญหา').fill('ผู้เสียหายอายุ 19 ปี ถูกยึดเอกสาร ไม่มีที่พัก');
    await planForm.getByLabel('เป้าหมายและการช่วยเหลือ').fill('คุ้มครองความปลอดภัย ฟื้นฟูจิตใจ ส่งกลับภูมิลำเนา');
    await planForm.getByRole('button', { name: 'บันทึกแผน' }).click();
    await visible(plan.getByText('บันทึกแผนฉบับที่ 1 แล้ว'));
    await visible(plan.getByText('ฉบับที่ 1'));

    await plan.getByRole('button', { name: 'แก้ไขแผน' }).click();
    planForm = plan.getByRole('form', { name: 'แผนการช่วยเหลือ (จากฉบับที่ 1)' });
    await planForm.getByLabel('เป้าหมายและการช่วยเหลือ').fill('คุ้มครอง ฟื้นฟู ฝึกอาชีพ');
    const meanwhile = await page.request.put(`/api/cases/${kase.id}/plan`, {
      headers: await csrfHeaders(page),
      data: { baseRevision: 1, assessment: 'ประเมินซ้ำโดยทีม', goals: 'คุ้มครอง ส่งกลับภูมิลำเนา' },
    });
    expect(meanwhile.status()).toBe(200);
    await planForm.getByRole('button', { name: 'บันทึกแผน' }).click();
    // The form now builds on the newer plan shown above it, and keeps what was typed.
    planForm = plan.getByRole('form', { name: 'แผนการช่วยเหลือ (จากฉบับที่ 2)' });
    await visible(planForm.getByText(/มีผู้อื่นบันทึกแผนฉบับใหม่ก่อนที่คุณจะบันทึก/));
    await visible(plan.getByText('ฉบับที่ 2', { exact: true }));
    expect(await planForm.getByLabel('เป้าหมายและการช่วยเหลือ').inputValue()).toBe('คุ้มครอง ฟื้นฟู ฝึกอาชีพ');
    await screenshot(page, 'casework-03-plan-conflict');
    await plan.screenshot({ path: `${SCREENSHOTS}casework-03a-plan-card.png` });
    await planForm.getByRole('button', { name: 'บันทึกแผน' }).click();
    await visible(plan.getByText('บันทึกแผนฉบับที่ 3 แล้ว'));

    // A task for the station, due in two days.
    const tasks = region(page, /^งานของทีม/);
    await tasks.getByRole('button', { name: 'มอบหมายงาน' }).click();
    const taskForm = tasks.getByRole('form', { name: 'มอบหมายงานให้หน่วยงานในทีม' });
    await taskForm.getByLabel('งานที่ต้องทำ').fill('สอบปากคำผู้เสียหายร่วมกับพนักงานอัยการ');
    await taskForm.getByLabel('ครบกำหนดวันและเวลา').fill(bangkokInput(new Date(Date.now() + 2 * 24 * 3_600_000)));
    await taskForm.getByRole('button', { name: 'มอบหมายงาน' }).click();
    await visible(tasks.getByText('มอบหมายงาน “สอบปากคำผู้เสียหายร่วมกับพนักงานอัยการ” แล้ว'));
    await visible(tasks.getByTestId('case-task').getByText(/เหลือ 1 วัน/));

    // The protection given completes the services step.
    const services = region(page, /^บริการที่ให้/);
    await services.getByRole('button', { name: 'บันทึกบริการที่ให้' }).click();
    const serviceForm = services.getByRole('form', { name: 'บันทึกบริการที่ให้' });
    await serviceForm.getByLabel('ประเภทบริการ').selectOption({ label: 'การคุ้มครองโดยเจ้าหน้าที่ตำรวจ' });
    expect(await serviceForm.getByLabel('หน่วยงานผู้ให้บริการ').locator('option:checked').innerText()).toBe(STATION);
    await serviceForm.getByLabel('หมายเหตุ').fill('จัดเจ้าหน้าที่คุ้มครองพยานตลอด 24 ชั่วโมง');
    await serviceForm.getByRole('button', { name: 'บันทึกบริการ' }).click();
    await visible(services.getByText('บันทึกบริการ “การคุ้มครองโดยเจ้าหน้าที่ตำรวจ” แล้ว'));
    await visible(procedure.getByTestId('case-step-services').getByText('เสร็จแล้ว'));
    await visible(procedure.getByTestId('case-step-closure').getByText('กำลังดำเนินการ'));

    // Asking to close: the trafficking procedure needs the unit head's approval.
    const closure = region(page, 'ยุติการให้บริการและติดตามผล');
    await closure.getByRole('button', { name: 'ขอยุติการให้บริการ' }).click();
    const closeForm = closure.getByRole('form', { name: 'ยุติการให้บริการ' });
    await visible(closeForm.getByText('แนวทางของเรื่องนี้กำหนดให้หัวหน้าอนุมัติก่อนยุติการให้บริการ'));
    expect(await closeForm.getByLabel('ติดตามผลหลังยุติ (วัน)').inputValue()).toBe('30');
    await closeForm.getByRole('button', { name: 'ขอยุติการให้บริการ' }).click();
    await visible(closeForm.getByText('กรุณากรอกข้อมูลนี้').first());
    await closeForm.getByLabel('เหตุผลที่ยุติ').selectOption({ label: 'ช่วยเหลือครบตามแผนแล้ว' });
    await closeForm.getByLabel('สรุปการช่วยเหลือ').fill('ผู้เสียหายปลอดภัย ได้รับการคุ้มครองและฟื้นฟู พร้อมกลับภูมิลำเนา');
    await screenshot(page, 'casework-04-closure-form');
    await closeForm.getByRole('button', { name: 'ขอยุติการให้บริการ' }).click();
    await visible(closure.getByText('ส่งคำขอยุติการให้บริการแล้ว รอหัวหน้าอนุมัติ'));
    await visible(closure.getByTestId('closure-waiting').getByText('รอหัวหน้าอนุมัติการยุติการให้บริการ'));
    await visible(closure.getByText(/ผู้ขอยุติอนุมัติคำขอของตนเองไม่ได้/));
    await visible(page.locator('.case-header').getByText('รออนุมัติยุติการให้บริการ'));
    // The officer's own request: no approval for them.
    expect(await page.getByRole('button', { name: 'อนุมัติยุติการให้บริการ' }).count()).toBe(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'casework-05-waiting-approval');
    await procedure.screenshot({ path: `${SCREENSHOTS}casework-05a-steps.png` });
    await closure.screenshot({ path: `${SCREENSHOTS}casework-05b-closure-waiting.png` });
    await notes.screenshot({ path: `${SCREENSHOTS}casework-05c-notes.png` });
    expect(consoleProblems).toEqual([]);
  });

  it('is approved by the unit head from “my work”', async () => {
    await signInAs(page, POLICE_HEAD);
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'งานของฉัน', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: kase.caseNumber }).filter({ hasText: 'อนุมัติยุติการให้บริการ' });
    await visible(row);
    await screenshot(page, 'casework-06-head-my-work');
    await row.getByRole('link', { name: kase.caseNumber }).click();
    const closure = region(page, 'ยุติการให้บริการและติดตามผล');
    const decision = closure.getByRole('form', { name: 'พิจารณาคำขอยุติการให้บริการ' });
    // Sending back needs a note.
    await decision.getByRole('button', { name: 'ส่งกลับให้ดำเนินการต่อ' }).click();
    await visible(decision.getByText('กรุณาระบุเหตุผลที่ส่งกลับ'));
    await decision.getByLabel('ความเห็น').fill('อนุมัติ ให้ติดตามผลตามกำหนด');
    await screenshot(page, 'casework-07-decision');
    await closure.screenshot({ path: `${SCREENSHOTS}casework-07a-decision-card.png` });
    await decision.getByRole('button', { name: 'อนุมัติยุติการให้บริการ' }).click();
    await visible(closure.getByText('อนุมัติยุติการให้บริการแล้ว'));
    await visible(page.locator('.case-header').getByText('ยุติการให้บริการแล้ว'));
    await visible(closure.getByTestId('case-closure').getByText('ยุติแล้ว'));
    const followUp = region(page, 'ขั้นตอนตามแนวทางการปฏิบัติ').getByTestId('case-step-follow_up');
    await visible(followUp.getByText(/เหลือ (29|30) วัน/));
  });

  it('has its follow-up recorded by the officer, and one timeline tells the whole story', async () => {
    await signInAs(page, POLICE);
    await page.goto('/my-work');
    const row = page.getByRole('row').filter({ hasText: kase.caseNumber }).filter({ hasText: 'ติดตามผลหลังยุติ' });
    await visible(row.getByText(/เหลือ (29|30) วัน/));
    await screenshot(page, 'casework-08-officer-follow-up-due');
    await row.getByRole('link', { name: kase.caseNumber }).click();

    const closure = region(page, 'ยุติการให้บริการและติดตามผล');
    const form = closure.getByRole('form', { name: 'บันทึกการติดตามผล' });
    await form.getByRole('button', { name: 'บันทึกการติดตามผล' }).click();
    await visible(form.getByText('กรุณาเลือกผลการติดตาม'));
    await form.getByRole('radio', { name: 'ปลอดภัย สถานการณ์คงที่' }).check();
    await form.getByLabel('ติดต่ออย่างไร').selectOption({ label: 'โทรศัพท์' });
    expect(await form.getByRole('radio', { name: 'ไม่ได้ระบุ' }).isChecked()).toBe(true);
    await form.getByRole('radio', { name: '5 — พอใจมาก' }).check();
    await form.getByLabel('หมายเหตุ').fill('กลับไปอยู่กับครอบครัวที่ภูมิลำเนา ทำงานโรงงาน ปลอดภัยดี');
    await screenshot(page, 'casework-08a-follow-up-form');
    await form.screenshot({ path: `${SCREENSHOTS}casework-08b-follow-up-card.png` });
    await form.getByRole('button', { name: 'บันทึกการติดตามผล' }).click();
    await visible(closure.getByText('บันทึกการติดตามผลแล้ว'));
    await visible(closure.getByTestId('case-follow-up').getByText('ความพึงพอใจ 5 — พอใจมาก'));
    await visible(region(page, 'ขั้นตอนตามแนวทางการปฏิบัติ').getByTestId('case-step-follow_up').getByText('เสร็จแล้ว'));
    // A closed case may be reopened by its lead unit.
    await visible(closure.getByRole('button', { name: 'เปิดเรื่องอีกครั้ง' }));

    const timeline = region(page, 'ลำดับเหตุการณ์');
    await timeline.getByRole('button', { name: /^ดูลำดับเหตุการณ์ทั้งหมด/ }).click();
    const list = timeline.getByTestId('case-timeline');
    for (const text of [
      `ส่งต่อถึง ${STATION} (หน่วยงานหลัก)`,
      `${STATION}: รับเรื่องแล้ว`,
      'ติดต่อผู้ประสบปัญหา (เยี่ยมบ้าน / ลงพื้นที่)',
      'คัดแยกโดยทีมสหวิชาชีพ',
      'บันทึกแผนการช่วยเหลือ ฉบับที่ 3',
      'มอบหมายงานให้ สถานีตำรวจภูธรเมืองราชบุรี',
      'ขั้นตอน “คุ้มครองชั่วคราว” เสร็จ',
      'ขอยุติการให้บริการ: ช่วยเหลือครบตามแผนแล้ว · ปัญหาได้รับการแก้ไข',
      'หัวหน้าอนุมัติยุติการให้บริการ',
      'สถานะ: ส่งต่อแล้ว รอหน่วยงานรับเรื่อง → อยู่ระหว่างดำเนินการ',
      'ติดตามผล: ปลอดภัย สถานการณ์คงที่ · ความพึงพอใจ 5 — พอใจมาก',
    ])
      await visible(list.getByText(text, { exact: false }));
    // Codes the server records are said in words.
    expect(await list.getByText('referral accepted', { exact: true }).count()).toBe(0);
    expect(await list.getByText('goals_met', { exact: true }).count()).toBe(0);
    // The latest first.
    expect(await list.locator('li.timeline-item').first().innerText()).toMatch(/ติดตามผล|ขั้นตอน|งานเสร็จ/);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'casework-09-case-closed');
    await timeline.screenshot({ path: `${SCREENSHOTS}casework-10-timeline.png` });
    await closure.screenshot({ path: `${SCREENSHOTS}casework-10a-closure-done.png` });
    await region(page, /^งานของทีม/).screenshot({ path: `${SCREENSHOTS}casework-10b-tasks.png` });

    // In English the same story is told in English.
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await visible(region(page, 'Timeline').getByText('Supervisor approved the closure'));
    await visible(region(page, 'Closure and follow-up').getByText('Satisfaction 5 — very satisfied'));
    await page.getByRole('button', { name: /ภาษาไทย/ }).click();
    await visible(region(page, 'ลำดับเหตุการณ์'));
    expect(consoleProblems).toEqual([]);
  });

  it('fits a phone screen: the case page and my work', async () => {
    const phone = await app.newContext({ width: 390, height: 844, mobile: true });
    try {
      const small = await phone.newPage();
      await signInAs(small, POLICE);
      await small.goto(`/cases/${kase.id}`);
      await visible(region(small, 'ลำดับเหตุการณ์').getByTestId('case-timeline'));
      await visible(region(small, 'ขั้นตอนตามแนวทางการปฏิบัติ').getByTestId('case-step-follow_up'));
      expect(await hasNoHorizontalOverflow(small)).toBe(true);
      await screenshot(small, 'casework-11-phone-case');
      await region(small, 'ขั้นตอนตามแนวทางการปฏิบัติ').scrollIntoViewIfNeeded();
      await small.screenshot({ path: `${SCREENSHOTS}casework-11a-phone-steps.png` });
      await region(small, 'ยุติการให้บริการและติดตามผล').scrollIntoViewIfNeeded();
      await small.screenshot({ path: `${SCREENSHOTS}casework-11b-phone-closure.png` });

      await small.goto('/my-work');
      await visible(small.getByRole('heading', { level: 1, name: 'งานของฉัน' }));
      await visible(small.getByRole('region', { name: /^งานที่ต้องทำ/ }));
      expect(await hasNoHorizontalOverflow(small)).toBe(true);
      await screenshot(small, 'casework-12-phone-my-work');
    } finally {
      await phone.close();
    }
  });

  it('keeps the unit officer’s menu on one line at 1280 px', async () => {
    await signInAs(page, POLICE);
    const items: Locator = page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('listitem');
    const tops = await items.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().top));
    expect(new Set(tops).size).toBe(1);
    await page.screenshot({
      path: `${SCREENSHOTS}casework-13-officer-menu.png`,
      clip: { x: 0, y: 0, width: 1280, height: 200 },
    });
  });
});
