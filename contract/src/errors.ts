/**
 * The one catalogue of error codes. A code is stable forever: clients and
 * operators key on it. Each carries its HTTP status and the message shown to
 * people, in Thai first and English second. Internal detail never goes here.
 */
export const ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    th: 'ข้อมูลที่ส่งมาไม่ถูกต้อง กรุณาตรวจสอบแล้วลองอีกครั้ง',
    en: 'Some of the information sent is not valid. Please check it and try again.',
  },
  MALFORMED_REQUEST: {
    status: 400,
    th: 'รูปแบบคำขอไม่ถูกต้อง',
    en: 'The request could not be read.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    th: 'ไม่รองรับรูปแบบข้อมูลนี้',
    en: 'This content type is not supported.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    th: 'ข้อมูลที่ส่งมีขนาดใหญ่เกินกำหนด',
    en: 'The request is larger than allowed.',
  },
  SIGN_IN_REQUIRED: {
    status: 401,
    th: 'กรุณาเข้าสู่ระบบก่อน',
    en: 'Please sign in first.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    th: 'อีเมลหรือรหัสผ่านไม่ถูกต้อง',
    en: 'The e-mail address or password is not correct.',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    th: 'บัญชีถูกระงับชั่วคราวเนื่องจากใส่รหัสผ่านผิดหลายครั้ง กรุณาลองใหม่ภายหลัง',
    en: 'This account is locked for a while after too many failed sign-ins. Please try again later.',
  },
  ACCOUNT_DISABLED: {
    status: 403,
    th: 'บัญชีนี้ถูกปิดการใช้งาน กรุณาติดต่อผู้ดูแลระบบ',
    en: 'This account is disabled. Please contact your administrator.',
  },
  SIGN_IN_EXPIRED: {
    status: 401,
    th: 'การเข้าสู่ระบบหมดเวลา กรุณาใส่อีเมลและรหัสผ่านใหม่',
    en: 'The sign-in took too long. Please enter your e-mail and password again.',
  },
  INVALID_SECOND_FACTOR: {
    status: 401,
    th: 'รหัสยืนยันตัวตนไม่ถูกต้อง กรุณาใช้รหัสล่าสุดจากแอปยืนยันตัวตน',
    en: 'The verification code is not correct. Use the latest code from your authenticator app.',
  },
  SECOND_FACTOR_ENROLMENT_REQUIRED: {
    status: 403,
    th: 'บทบาทของคุณต้องใช้การยืนยันตัวตนสองขั้นตอน กรุณาตั้งค่าก่อนใช้งาน',
    en: 'Your role requires two-step verification. Please set it up first.',
  },
  SECOND_FACTOR_NOT_STARTED: {
    status: 409,
    th: 'ยังไม่ได้เริ่มตั้งค่าการยืนยันตัวตนสองขั้นตอน',
    en: 'Two-step verification set-up has not been started.',
  },
  SECOND_FACTOR_ALREADY_SET_UP: {
    status: 409,
    th: 'ตั้งค่าการยืนยันตัวตนสองขั้นตอนไว้แล้ว',
    en: 'Two-step verification is already set up.',
  },
  LINK_INVALID: {
    status: 410,
    th: 'ลิงก์นี้ใช้ไม่ได้แล้ว (หมดอายุหรือถูกใช้ไปแล้ว) กรุณาขอลิงก์ใหม่',
    en: 'This link no longer works (it expired or was already used). Please ask for a new one.',
  },
  EMAIL_IN_USE: {
    status: 409,
    th: 'มีผู้ใช้ที่ใช้อีเมลนี้แล้ว',
    en: 'A user with this e-mail address already exists.',
  },
  INVALID_SIGNATURE: {
    status: 401,
    th: 'ลายเซ็นของคำขอไม่ถูกต้อง',
    en: 'The request signature is not valid.',
  },
  CHANNEL_UNAVAILABLE: {
    status: 502,
    th: 'ส่งข้อความผ่านช่องทางนี้ไม่สำเร็จ ข้อความถูกเก็บไว้แล้ว กรุณาลองใหม่ภายหลัง',
    en: 'The message could not be delivered through this channel. It was kept; please try again later.',
  },
  CHANNEL_NOT_CONFIGURED: {
    status: 503,
    th: 'ระบบนี้ยังไม่ได้ตั้งค่าช่องทางนี้ กรุณาติดต่อผู้ดูแลระบบ',
    en: 'This channel is not set up on this system. Please ask an administrator.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    th: 'รหัสส่งซ้ำ (Idempotency-Key) นี้ใช้กับข้อมูลอื่นไปแล้ว กรุณาใช้รหัสใหม่สำหรับรายงานใหม่',
    en: 'This Idempotency-Key was used for a different request. Use a new key for a new report.',
  },
  CODE_IN_USE: {
    status: 409,
    th: 'รหัสนี้ถูกใช้แล้ว กรุณาใช้รหัสอื่น',
    en: 'This code is already in use. Please choose another.',
  },
  STILL_IN_USE: {
    status: 409,
    th: 'ยังมีหน่วยงานหรือผู้ใช้ที่เปิดใช้งานอยู่ภายใต้รายการนี้ กรุณาย้ายหรือปิดก่อน',
    en: 'Active units or people still depend on this. Move or deactivate them first.',
  },
  FORBIDDEN: {
    status: 403,
    th: 'คุณไม่มีสิทธิ์ดำเนินการนี้',
    en: 'You do not have permission to do this.',
  },
  CROSS_SITE_REQUEST: {
    status: 403,
    th: 'คำขอนี้ไม่ได้มาจากหน้าเว็บของระบบ',
    en: 'This request did not come from the application.',
  },
  CSRF_TOKEN_INVALID: {
    status: 403,
    th: 'คำขอนี้ไม่ได้มาจากหน้าจอของระบบ กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง',
    en: 'This request did not come from the application. Please reload the page and try again.',
  },
  IDENTITIES_MASKED: {
    status: 403,
    th: 'ข้อมูลระบุตัวบุคคลของเรื่องนี้ถูกปกปิดสำหรับบทบาทของคุณ หากจำเป็นต้องเปิดดู กรุณาระบุเหตุผล (ผู้บังคับบัญชาจะได้รับแจ้ง)',
    en: 'The identities in this case are masked for your role. To open them, state your reason (your supervisor will be told).',
  },
  CASE_ANONYMISED: {
    status: 409,
    th: 'เรื่องนี้พ้นระยะเวลาการเก็บรักษาและถูกทำให้เป็นข้อมูลนิรนามแล้ว ไม่มีข้อมูลระบุตัวบุคคลให้เปิดดู',
    en: 'This case is past its retention period and has been anonymised: there are no identities left to reveal.',
  },
  NOT_FOUND: {
    status: 404,
    th: 'ไม่พบข้อมูลที่ต้องการ',
    en: 'Not found.',
  },
  TRANSITION_NOT_ALLOWED: {
    status: 409,
    th: 'ทำรายการนี้ไม่ได้กับเรื่องในสถานะปัจจุบัน กรุณาโหลดเรื่องใหม่แล้วตรวจสอบสถานะ',
    en: 'This cannot be done to the case in its current state. Please reload the case and check its state.',
  },
  SELF_APPROVAL: {
    status: 403,
    th: 'ผู้ขอยุติการให้บริการอนุมัติคำขอของตนเองไม่ได้ ต้องให้หัวหน้าหรือผู้มีอำนาจอีกคนอนุมัติ',
    en: 'You cannot approve your own closure request: another supervisor must approve it.',
  },
  CONFLICT: {
    status: 409,
    th: 'ข้อมูลถูกเปลี่ยนแปลงโดยผู้อื่น กรุณาโหลดใหม่',
    en: 'Someone else changed this. Please reload.',
  },
  RATE_LIMITED: {
    status: 429,
    th: 'มีคำขอมากเกินไป กรุณารอสักครู่แล้วลองใหม่',
    en: 'Too many requests. Please wait a moment and try again.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    th: 'ระบบไม่พร้อมให้บริการชั่วคราว',
    en: 'The service is temporarily unavailable.',
  },
  INTERNAL: {
    status: 500,
    th: 'เกิดข้อผิดพลาดภายในระบบ กรุณาลองใหม่ หากยังพบปัญหาให้แจ้งรหัสอ้างอิงแก่ผู้ดูแลระบบ',
    en: 'Something went wrong on our side. Please try again; if it persists, give the reference to your administrator.',
  },
} as const satisfies Record<string, { status: number; th: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERRORS, value);
}
