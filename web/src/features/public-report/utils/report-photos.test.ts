import { ATTACHMENT_MAX_BYTES, PublicReportRequest } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import {
  checkPhoto,
  choosePhotos,
  newIdempotencyKey,
  photoIndexOf,
  reportFingerprint,
  sniffPhotoType,
  toReportSubmission,
} from './report-photos.ts';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0, 16];
const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));
const file = (content: Uint8Array | string, name: string, type = 'image/jpeg') =>
  new File([typeof content === 'string' ? content : content.slice()], name, { type, lastModified: 1 });

const request: PublicReportRequest = {
  problemTypes: ['violence'],
  crisis: false,
  location: { areaCode: '700101' },
  narrative: 'ได้ยินเสียงเด็กร้อง',
  reporter: { anonymous: true, relation: 'self' },
  consent: true,
  source: 'web',
};

describe('telling a photo by its first bytes', () => {
  it('knows JPEG, PNG, WebP and HEIC/HEIF', () => {
    expect(sniffPhotoType(bytes(JPEG))).toBe('image/jpeg');
    expect(sniffPhotoType(bytes(PNG))).toBe('image/png');
    expect(sniffPhotoType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffPhotoType(bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0]))).toBe('image/heic');
    expect(sniffPhotoType(bytes([0, 0, 0, 24], 'ftypmif1', [0, 0, 0, 0]))).toBe('image/heif');
  });

  it('refuses anything else, whatever its name says', () => {
    expect(sniffPhotoType(bytes('hello, this is text'))).toBeNull();
    expect(sniffPhotoType(bytes('%PDF-1.7'))).toBeNull();
    expect(sniffPhotoType(bytes([0, 0, 0, 24], 'ftypmp42'))).toBeNull();
    expect(sniffPhotoType(new Uint8Array())).toBeNull();
  });
});

describe('checking chosen photos in the browser', () => {
  it('refuses a text file renamed .jpg, and a photo over 5 MiB', async () => {
    expect(await checkPhoto(file('not a photo at all', 'photo.jpg'))).toBe('type');
    expect(await checkPhoto(file(bytes(PNG), 'ok.png', 'image/png'))).toBeNull();
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    big.set(JPEG);
    expect(await checkPhoto(file(big, 'big.jpg'))).toBe('size');
    const justRight = new Uint8Array(ATTACHMENT_MAX_BYTES);
    justRight.set(JPEG);
    expect(await checkPhoto(file(justRight, 'exact.jpg'))).toBeNull();
  });

  it('attaches at most three in all, naming what was left out and why', async () => {
    const chosen = [
      file(bytes(PNG), 'a.png'),
      file('text', 'b.jpg'),
      file(bytes(JPEG), 'c.jpg'),
      file(bytes(JPEG), 'd.jpg'),
    ];
    const { accepted, refused } = await choosePhotos(1, chosen);
    expect(accepted.map((photo) => photo.name)).toEqual(['a.png', 'c.jpg']);
    expect(refused).toEqual([
      { name: 'b.jpg', problem: 'type' },
      { name: 'd.jpg', problem: 'count' },
    ]);
  });
});

describe('what is sent', () => {
  it('sends JSON as before without photos', () => {
    expect(toReportSubmission(request, [])).toEqual({ body: request });
  });

  it('sends multipart with the same JSON in `report` and the files in `photos`', async () => {
    const photos = [file(bytes(PNG), 'a.png', 'image/png'), file(bytes(JPEG), 'b.jpg')];
    const submission = toReportSubmission(request, photos);
    if (!('form' in submission)) throw new Error('expected a form');
    expect(JSON.parse(submission.form.get('report') as string)).toEqual(request);
    expect(PublicReportRequest.safeParse(JSON.parse(submission.form.get('report') as string)).success).toBe(true);
    const sent = submission.form.getAll('photos') as File[];
    expect(sent.map((photo) => photo.name)).toEqual(['a.png', 'b.jpg']);
    expect(new Uint8Array(await sent[0]!.arrayBuffer())).toEqual(bytes(PNG));
  });

  it('keeps the idempotency fingerprint for the same report and photos, and changes it otherwise', () => {
    const photo = file(bytes(PNG), 'a.png');
    expect(reportFingerprint(request, [photo])).toBe(reportFingerprint({ ...request }, [photo]));
    expect(reportFingerprint(request, [photo])).not.toBe(reportFingerprint(request, []));
    expect(reportFingerprint(request, [])).not.toBe(reportFingerprint({ ...request, crisis: true }, []));
    expect(newIdempotencyKey()).toMatch(/^[A-Za-z0-9_:.-]{8,100}$/);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });

  it('reads which photo a server problem is about', () => {
    expect(photoIndexOf('photos.0')).toBe(0);
    expect(photoIndexOf('body.photos.2')).toBe(2);
    expect(photoIndexOf('photos')).toBe(-1);
    expect(photoIndexOf('narrative')).toBeNull();
  });
});
