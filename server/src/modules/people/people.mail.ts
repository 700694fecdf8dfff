import { formatBuddhistDate } from '@oscc/contract';
import type { EmailMessage } from '../../platform/mail/outbox.ts';

/**
 * The e-mails people get. Thai first, English second. They carry a
 * single-use link — never a password.
 */
/** The page where an invitation or reset link lands (the web app's /set-password). */
export function setPasswordLink(appUrl: string, token: string, purpose: 'invitation' | 'password_reset'): string {
  return `${appUrl}/set-password?purpose=${purpose}&token=${encodeURIComponent(token)}`;
}

/** "นางสาวสมศรี ใจงาม": how a letter addresses a person. */
export function addressNameTh(person: { titleTh?: string | null; firstNameTh: string; lastNameTh: string }): string {
  return `${person.titleTh ?? ''}${person.firstNameTh} ${person.lastNameTh}`;
}

export function invitationEmail(input: { to: string; nameTh: string; link: string; expiresAt: Date }): EmailMessage {
  const expiresTh = formatBuddhistDate(input.expiresAt, 'th', 'dateTime');
  const expiresEn = formatBuddhistDate(input.expiresAt, 'en', 'dateTime');
  return {
    to: input.to,
    subject: 'เชิญเข้าใช้งานระบบ OSCC ศูนย์ช่วยเหลือสังคม 1300 / Your OSCC 1300 account',
    text: [
      `เรียน ${input.nameTh}`,
      '',
      'คุณได้รับบัญชีผู้ใช้ในระบบสารสนเทศ OSCC ศูนย์ช่วยเหลือสังคม 1300',
      'กรุณาเปิดลิงก์ด้านล่างเพื่อตั้งรหัสผ่านของคุณเอง (ลิงก์ใช้ได้ครั้งเดียว):',
      input.link,
      `ลิงก์หมดอายุ ${expiresTh} น. หากหมดอายุ กรุณาติดต่อผู้ดูแลระบบเพื่อขอลิงก์ใหม่`,
      'ระบบจะไม่ส่งรหัสผ่านทางอีเมล และเจ้าหน้าที่จะไม่ขอรหัสผ่านของคุณ',
      '',
      '---',
      '',
      'You have been given an account on OSCC, the information system of the One Stop Crisis Center (hotline 1300).',
      'Open the link above to choose your own password (the link works once).',
      `It expires on ${expiresEn}. OSCC never sends passwords by e-mail and no one will ask for yours.`,
    ].join('\n'),
  };
}

export function passwordResetEmail(input: { to: string; nameTh: string; link: string; expiresAt: Date }): EmailMessage {
  const expiresTh = formatBuddhistDate(input.expiresAt, 'th', 'dateTime');
  const expiresEn = formatBuddhistDate(input.expiresAt, 'en', 'dateTime');
  return {
    to: input.to,
    subject: 'ตั้งรหัสผ่านใหม่ ระบบ OSCC 1300 / Reset your OSCC 1300 password',
    text: [
      `เรียน ${input.nameTh}`,
      '',
      'มีการขอตั้งรหัสผ่านใหม่สำหรับบัญชีของคุณในระบบ OSCC ศูนย์ช่วยเหลือสังคม 1300',
      'เปิดลิงก์ด้านล่างเพื่อตั้งรหัสผ่านใหม่ (ลิงก์ใช้ได้ครั้งเดียว):',
      input.link,
      `ลิงก์หมดอายุ ${expiresTh} น. หากคุณไม่ได้ขอ ไม่ต้องทำอะไร รหัสผ่านเดิมยังใช้ได้`,
      '',
      '---',
      '',
      'Someone asked to reset the password of your OSCC 1300 account. Open the link above to choose a new one',
      `(it works once and expires on ${expiresEn}). If it was not you, do nothing: your password stays as it is.`,
    ].join('\n'),
  };
}
