import {
  ATTACHMENT_MAX_BYTES,
  PHOTO_MEDIA_TYPES,
  PUBLIC_REPORT_MAX_PHOTOS,
  type PublicReportRequest,
} from '@oscc/contract';

export type PhotoMediaType = (typeof PHOTO_MEDIA_TYPES)[number];
/** Why a chosen file is not attached: not a photo we take, too large, or one more than a report may carry. */
export type PhotoProblem = 'type' | 'size' | 'count';

/** What the file picker offers; the content is what counts (a file is checked by its first bytes, as the server does). */
export const PHOTO_ACCEPT = [...PHOTO_MEDIA_TYPES, '.jpg', '.jpeg', '.png', '.webp', '.heic', '.heif'].join(',');
/** 5 MiB as people read it: "5 MB". */
export const PHOTO_MAX_MEGABYTES = Math.round(ATTACHMENT_MAX_BYTES / (1024 * 1024));

/** How many first bytes tell a photo's type. */
export const SNIFF_BYTES = 16;

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'heif']);

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/**
 * The photo type the first bytes of a file show, or null when they show none we take. A name or the browser's
 * guess (taken from the name) says nothing: a text file renamed .jpg is still a text file.
 */
export function sniffPhotoType(bytes: Uint8Array): PhotoMediaType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (HEIF_BRANDS.has(brand))
      return brand === 'mif1' || brand === 'msf1' || brand === 'heif' ? 'image/heif' : 'image/heic';
  }
  return null;
}

/** The problem with one file, looked at in the browser before anything is sent; null when it may go. */
export async function checkPhoto(file: Blob): Promise<Exclude<PhotoProblem, 'count'> | null> {
  if (file.size > ATTACHMENT_MAX_BYTES) return 'size';
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  return sniffPhotoType(head) ? null : 'type';
}

export interface RefusedPhoto {
  name: string;
  problem: PhotoProblem;
}

/**
 * Which newly chosen files are attached and which are refused (and why), given how many are attached already:
 * the first ones that are photos of the right size, up to the limit.
 */
export async function choosePhotos<F extends Blob & { name: string }>(
  attached: number,
  chosen: readonly F[],
): Promise<{ accepted: F[]; refused: RefusedPhoto[] }> {
  const accepted: F[] = [];
  const refused: RefusedPhoto[] = [];
  for (const file of chosen) {
    const problem = await checkPhoto(file);
    if (problem) refused.push({ name: file.name, problem });
    else if (attached + accepted.length >= PUBLIC_REPORT_MAX_PHOTOS)
      refused.push({ name: file.name, problem: 'count' });
    else accepted.push(file);
  }
  return { accepted, refused };
}

/** What goes to POST /api/public/reports: JSON as ever without photos, multipart/form-data with them. */
export function toReportSubmission(
  request: PublicReportRequest,
  photos: readonly File[],
): { body: PublicReportRequest } | { form: FormData } {
  if (photos.length === 0) return { body: request };
  const form = new FormData();
  form.append('report', JSON.stringify(request));
  for (const photo of photos) form.append('photos', photo, photo.name);
  return { form };
}

/**
 * What makes two sends the same report, for the Idempotency-Key: a retry of the same report (a lost answer, a
 * second tap) keeps the key, so the server answers it with the first receipt; a changed report gets a new key.
 */
export function reportFingerprint(
  request: PublicReportRequest,
  photos: readonly Pick<File, 'name' | 'size' | 'lastModified'>[],
): string {
  return JSON.stringify([request, photos.map((photo) => [photo.name, photo.size, photo.lastModified])]);
}

/** A new Idempotency-Key (8–100 letters, digits and - _ : .). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `report-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** The index of the photo a server problem names ('photos.0', 'body.photos.1'), or null for another field. */
export function photoIndexOf(path: string): number | null {
  const match = /^(?:body\.)?photos(?:\.(\d+))?/.exec(path);
  if (!match) return null;
  return match[1] === undefined ? -1 : Number(match[1]);
}
