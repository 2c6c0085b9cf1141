import { badInput } from '@cbccvc/platform';

/** Input checks shared by the resolvers; each failure names the offending field. */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseId(field: string, value: string): string {
  if (!uuidPattern.test(value)) throw badInput(field, `"${value}" is not a valid id`);
  return value.toLowerCase();
}

export function parseOptionalId(field: string, value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : parseId(field, value);
}

export function requireText(field: string, value: string, maxLength = 300): string {
  const trimmed = value.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw badInput(field, 'must not be empty');
  if (trimmed.length > maxLength) throw badInput(field, `must be at most ${maxLength} characters`);
  return trimmed;
}

export function parseMonth(field: string, value: string): { year: number; month: number; text: string } {
  const match = /^(19\d\d|2\d\d\d)-(0[1-9]|1[0-2])$/.exec(value);
  if (!match) throw badInput(field, `"${value}" is not a month in the form YYYY-MM (years 1900–2999)`);
  return { year: Number(match[1]), month: Number(match[2]), text: value };
}

export function parseDate(field: string, value: string): string {
  const match = /^(19\d\d|2\d\d\d)-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw badInput(field, `"${value}" is not a date in the form YYYY-MM-DD (years 1900–2999)`);
  }
  return value;
}

export function parseEmail(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const email = value.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) throw badInput(field, `"${value}" is not an e-mail address`);
  return email;
}

export function parseUsername(field: string, value: string): string {
  const username = value.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{2,59}$/.test(username)) {
    throw badInput(field, 'must be 3–60 characters: lower-case letters, digits, ".", "_" or "-"');
  }
  return username;
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > 500) throw badInput('first', 'must be from 1 to 500');
  return size;
}

/** Folds Vietnamese diacritics so that "nguyen van" finds "Nguyễn Văn". */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Keyset cursors over (name, id): stable under inserts, cheap at any depth. */
export function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && uuidPattern.test(String(value[1]))) {
      return [value[0], value[1] as string];
    }
  } catch {
    // fall through
  }
  throw badInput('after', 'is not a cursor returned by this API');
}
