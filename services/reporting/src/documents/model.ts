/**
 * The data of the official documents of document 003 (Hà Đông 2026 plan under 11-QĐ/TU): the unit
 * summary list (Mẫu số 1A/01A, "DANH SÁCH TỔNG HỢP") and the announcements of the month's results
 * (Mẫu số 2A for an agency's CBCCVC, 3A for the cadres managed by the City Party Standing
 * Committee), plus the pure helpers both file formats share: validation, the month and the
 * Hà Nội "data as of" line, the grade columns and the totals per grade.
 *
 * Pure: no database, no clock (every instant is an input).
 */
import { GRADES, gradeLabels, type Grade } from '@cbccvc/rules';

export type { Grade };

/** One line of the summary list: a person under a section. */
export interface SummaryRow {
  /** As printed in the STT column: '1', '2', '2.1' (heads '1.1', deputies '2.1', '2.2', …). */
  number: string;
  fullName: string;
  /** Printed under the name, smaller and in italics; may be empty. */
  positionName: string;
  /** Column 3: e.g. '65,63' points or a short text; null → blank. */
  taskResult: string | null;
  /** Column 4, printed as its abbreviation (HTXSNV, HTTNV, HTNV, Không HTNV). */
  selfGrade: Grade | null;
  /** Columns 5–8: an 'x' under the final grade; null (a unit head, decided above) → all blank. */
  finalGrade: Grade | null;
  /**
   * Printed in a "Ghi chú" column, which the list has only when a row has a note: e.g. who decided
   * for the default decider ('Lê Văn B quyết định thay (quyền) Nguyễn Văn A', see `decidedByText`).
   */
  note?: string | null;
}

export interface SummaryDocument {
  /** The agency, first line of the header, e.g. 'UBND PHƯỜNG HÀ ĐÔNG'. */
  agencyName: string;
  /** The unit, second line of the header (printed in capitals). */
  unitName: string;
  /** YYYY-MM. */
  month: string;
  leaders: { heads: SummaryRow[]; deputies: SummaryRow[] };
  staff: SummaryRow[];
  contract: SummaryRow[];
  rewardProposals: SummaryRow[];
  /** ISO 8601 instant with a zone (Z or ±hh:mm) the report's data is fresh as of. */
  dataAsOf: string;
  /** The place of the date line, e.g. 'Hà Đông'. */
  place?: string;
}

export interface AnnouncementRow {
  number: number;
  fullName: string;
  positionName: string;
  /** Printed in the "Đơn vị" column of form 3A; ignored by 2A. */
  unitName?: string;
  finalGrade: Grade;
  /**
   * Why the quota graded this A-band score B (DOMAIN: the person sees why in the announcement).
   * Printed by form 2A in a "Ghi chú" column, which it has only when a row has a note.
   */
  quotaExplanation?: string | null;
  /**
   * Form 3A: the number of the external authority's collective decision (e.g. '125-QĐ/TU') and its
   * date (YYYY-MM-DD), as the account acting for the authority recorded them; printed in the column
   * "Quyết định của cấp có thẩm quyền" (blank without them, e.g. a result the month close fixed).
   * Ignored by 2A.
   */
  decisionNumber?: string | null;
  decisionDate?: string | null;
}

export interface AnnouncementDocument {
  /** 2A: an agency's CBCCVC and workers; 3A: cadres managed by the City Party Standing Committee. */
  kind: '2A' | '3A';
  /** The agency issuing the announcement (header, left). */
  issuerName: string;
  /** 2A: the unit; 3A: e.g. 'cán bộ diện Ban Thường vụ Thành ủy quản lý'. */
  scopeName: string;
  /** YYYY-MM. */
  month: string;
  rows: AnnouncementRow[];
  /** ISO 8601 instant with a zone (Z or ±hh:mm). */
  dataAsOf: string;
  place?: string;
}

export type GradeAbbreviation = 'HTXSNV' | 'HTTNV' | 'HTNV' | 'Không HTNV';

export interface GradeColumn {
  readonly grade: Grade;
  readonly abbreviation: GradeAbbreviation;
  readonly label: string;
}

const abbreviations: Readonly<Record<Grade, GradeAbbreviation>> = {
  A: 'HTXSNV',
  B: 'HTTNV',
  C: 'HTNV',
  D: 'Không HTNV',
};

/** The four columns "Mức xếp loại" of form 1A, best first; labels from @cbccvc/rules. */
export const gradeColumns: readonly GradeColumn[] = Object.freeze(
  GRADES.map((grade) => Object.freeze({ grade, abbreviation: abbreviations[grade], label: gradeLabels[grade] })),
);

export function gradeAbbreviation(grade: Grade): GradeAbbreviation {
  return abbreviations[grade];
}

// ---------------------------------------------------------------------------------------------
// Validation (RangeError naming the field, as in @cbccvc/rules)

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** A day as recorded: YYYY-MM-DD (the calendar is the recorder's concern; it is printed as recorded). */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function checkMonth(month: string, field: string): void {
  if (!MONTH.test(month)) throw new RangeError(`${field}: expected YYYY-MM, got ${JSON.stringify(month)}`);
}

function checkInstant(value: string, field: string): number {
  const t = INSTANT.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) throw new RangeError(`${field}: expected an ISO 8601 instant with a zone, got ${JSON.stringify(value)}`);
  return t;
}

function checkGrade(grade: unknown, field: string, nullable: boolean): void {
  if (grade === null && nullable) return;
  if (!(GRADES as readonly unknown[]).includes(grade)) throw new RangeError(`${field}: expected one of A, B, C, D${nullable ? ' or null' : ''}`);
}

function checkText(value: unknown, field: string): void {
  if (typeof value !== 'string') throw new RangeError(`${field}: expected a string`);
}

export function validateSummary(doc: SummaryDocument): void {
  checkText(doc.agencyName, 'agencyName');
  checkText(doc.unitName, 'unitName');
  checkMonth(doc.month, 'month');
  checkInstant(doc.dataAsOf, 'dataAsOf');
  const lists: [string, SummaryRow[]][] = [
    ['leaders.heads', doc.leaders.heads],
    ['leaders.deputies', doc.leaders.deputies],
    ['staff', doc.staff],
    ['contract', doc.contract],
    ['rewardProposals', doc.rewardProposals],
  ];
  for (const [name, rows] of lists) {
    if (!Array.isArray(rows)) throw new RangeError(`${name}: expected an array`);
    rows.forEach((row, i) => {
      checkText(row.number, `${name}[${i}].number`);
      checkText(row.fullName, `${name}[${i}].fullName`);
      checkText(row.positionName, `${name}[${i}].positionName`);
      if (row.taskResult !== null) checkText(row.taskResult, `${name}[${i}].taskResult`);
      checkGrade(row.selfGrade, `${name}[${i}].selfGrade`, true);
      checkGrade(row.finalGrade, `${name}[${i}].finalGrade`, true);
      if (row.note !== undefined && row.note !== null) checkText(row.note, `${name}[${i}].note`);
    });
  }
}

export function validateAnnouncement(doc: AnnouncementDocument): void {
  if (doc.kind !== '2A' && doc.kind !== '3A') throw new RangeError('kind: expected 2A or 3A');
  checkText(doc.issuerName, 'issuerName');
  checkText(doc.scopeName, 'scopeName');
  checkMonth(doc.month, 'month');
  checkInstant(doc.dataAsOf, 'dataAsOf');
  if (!Array.isArray(doc.rows)) throw new RangeError('rows: expected an array');
  doc.rows.forEach((row, i) => {
    if (!Number.isInteger(row.number)) throw new RangeError(`rows[${i}].number: expected an integer`);
    checkText(row.fullName, `rows[${i}].fullName`);
    checkText(row.positionName, `rows[${i}].positionName`);
    if (row.unitName !== undefined) checkText(row.unitName, `rows[${i}].unitName`);
    if (row.quotaExplanation !== undefined && row.quotaExplanation !== null) checkText(row.quotaExplanation, `rows[${i}].quotaExplanation`);
    if (row.decisionNumber !== undefined && row.decisionNumber !== null) checkText(row.decisionNumber, `rows[${i}].decisionNumber`);
    if (row.decisionDate !== undefined && row.decisionDate !== null && (typeof row.decisionDate !== 'string' || !DAY.test(row.decisionDate))) {
      throw new RangeError(`rows[${i}].decisionDate: expected YYYY-MM-DD, got ${JSON.stringify(row.decisionDate)}`);
    }
    checkGrade(row.finalGrade, `rows[${i}].finalGrade`, false);
  });
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** '2026-05' → '05/2026'. */
export function monthLabel(month: string): string {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`month: expected YYYY-MM, got ${JSON.stringify(month)}`);
  return `${m[2]}/${m[1]}`;
}

/** '2026-05-27' → '27/05/2026'. */
export function dayLabel(day: string): string {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`date: expected YYYY-MM-DD, got ${JSON.stringify(day)}`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/**
 * The collective decision of form 3A's row: 'Số 125-QĐ/TU ngày 27/05/2026'; only the part recorded
 * when one is missing; '' without a reference.
 */
export function decisionReference(row: Pick<AnnouncementRow, 'decisionNumber' | 'decisionDate'>): string {
  const number = row.decisionNumber?.trim() ?? '';
  const date = row.decisionDate ? `ngày ${dayLabel(row.decisionDate)}` : '';
  return [number === '' ? '' : `Số ${number}`, date].filter((part) => part !== '').join(' ');
}


/** Fixed: Việt Nam has kept UTC+7 without daylight saving since 1975. */
const HANOI_OFFSET_MS = 7 * 3600 * 1000;

const two = (n: number) => String(n).padStart(2, '0');

/** '2026-06-05T01:30:00Z' → '08:30 ngày 05/06/2026 (giờ Hà Nội)'. */
export function hanoiTime(instant: string): string {
  const d = new Date(checkInstant(instant, 'dataAsOf') + HANOI_OFFSET_MS);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())} ngày ${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} (giờ Hà Nội)`;
}

export function dataAsOfLine(instant: string): string {
  return `Số liệu tính đến ${hanoiTime(instant)}.`;
}

/** The date line of a document, left for the signer to fill in: 'Hà Đông, ngày … tháng … năm …'. */
export function dateLine(place: string | undefined): string {
  const where = place && place.trim() !== '' ? place.trim() : '……………';
  return `${where}, ngày …… tháng …… năm ……`;
}

/** Capitals as Vietnamese headers print them ('Phòng Văn hóa - Xã hội' → 'PHÒNG VĂN HÓA - XÃ HỘI'). */
export function upper(text: string): string {
  return text.normalize('NFC').toLocaleUpperCase('vi-VN');
}

/** Vietnamese decimal comma, at most two decimals, rounded half up: 1/3 → '33,33', 1/8 → '12,5'. */
export function percent(count: number, total: number): string {
  if (total === 0) return '0';
  // Integer hundredths of a percent, half up: exact for any realistic head count.
  const hundredths = Math.floor((count * 20000 + total) / (2 * total));
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths % 100;
  if (frac === 0) return String(whole);
  return `${whole},${frac % 10 === 0 ? String(frac / 10) : two(frac)}`;
}

export interface GradeTotal {
  grade: Grade;
  label: string;
  count: number;
  /** e.g. 'Hoàn thành xuất sắc nhiệm vụ: 2 người (20%)'. */
  line: string;
}

/** Totals per grade of an announcement, best grade first (every grade listed, zeros included). */
export function gradeTotals(rows: readonly { finalGrade: Grade }[]): { total: number; totalLine: string; grades: GradeTotal[] } {
  const total = rows.length;
  const grades = gradeColumns.map(({ grade, label }) => {
    const count = rows.filter((r) => r.finalGrade === grade).length;
    return { grade, label, count, line: `${label}: ${count} người (${percent(count, total)}%)` };
  });
  return { total, totalLine: `Tổng số: ${total} người, trong đó:`, grades };
}

// ---------------------------------------------------------------------------------------------
// Fixed wording

export const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

export const SUMMARY_TITLE = ['DANH SÁCH TỔNG HỢP', 'KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CBCCVC, LAO ĐỘNG HỢP ĐỒNG'] as const;
export const SUMMARY_HEADERS = {
  number: 'STT',
  name: 'Họ và tên',
  taskResult: 'Đánh giá kết quả thực hiện nhiệm vụ trong tháng',
  selfGrade: 'Cá nhân tự xếp loại',
  finalGrade: 'Mức xếp loại',
  note: 'Ghi chú',
} as const;
export const SUMMARY_SECTIONS = {
  leaders: ['I', 'Lãnh đạo'],
  heads: ['1', 'Cấp trưởng'],
  deputies: ['2', 'Cấp phó'],
  staff: ['II', 'Công chức, viên chức'],
  contract: ['III', 'Lao động hợp đồng'],
  rewards: ['IV', 'Đề xuất khen thưởng'],
} as const;
export const SUMMARY_NOTE = 'Lưu ý: Đối với cấp trưởng các phòng, ban, đơn vị trực thuộc để trống ô số 5,6,7,8.';
export const SUMMARY_SIGNERS = ['NGƯỜI LẬP BIỂU', 'LÃNH ĐẠO ĐƠN VỊ'] as const;

export const ANNOUNCEMENT_TITLE = 'THÔNG BÁO';
export const ANNOUNCEMENT_SIGNER = 'LÃNH ĐẠO CƠ QUAN';
export const ANNOUNCEMENT_HEADERS = {
  number: 'STT',
  name: 'Họ và tên',
  position: 'Chức vụ',
  unit: 'Đơn vị',
  grade: 'Xếp loại',
  note: 'Ghi chú',
  decision: 'Quyết định của cấp có thẩm quyền',
} as const;

export function announcementSubtitle(doc: AnnouncementDocument): string {
  const month = monthLabel(doc.month);
  return doc.kind === '2A'
    ? `Kết quả đánh giá, xếp loại cán bộ, công chức, viên chức và người lao động tháng ${month}`
    : `Kết quả đánh giá, xếp loại của các đồng chí ${doc.scopeName.trim()} tháng ${month}`;
}

export function formNumber(kind: '1A' | '2A' | '3A'): string {
  return `Mẫu số ${kind}`;
}

/**
 * A worksheet name Excel accepts: none of \ / ? * [ ] :, not starting or ending with an
 * apostrophe, at most 31 characters.
 */
export function sheetName(name: string): string {
  const cleaned = name
    .replace(/[\\/?*[\]:]/g, '-')
    .replace(/^'+|'+$/g, '')
    .trim();
  return (cleaned === '' ? 'Trang tính' : cleaned).slice(0, 31);
}

// ---------------------------------------------------------------------------------------------
// The lines of form 1A, shared by the XLSX and the PDF

export type SummaryLine =
  | { kind: 'section'; number: string; label: string }
  | { kind: 'subsection'; number: string; label: string }
  | { kind: 'person'; number: string; fullName: string; positionName: string; cells: string[]; note: string };

/** A note to print: not blank. */
function noteOf(row: SummaryRow): string {
  return typeof row.note === 'string' ? row.note.trim() : '';
}

/** Whether the list has a "Ghi chú" column: only when one of its rows has a note. */
export function hasSummaryNotes(doc: SummaryDocument): boolean {
  return [...doc.leaders.heads, ...doc.leaders.deputies, ...doc.staff, ...doc.contract, ...doc.rewardProposals].some((row) => noteOf(row) !== '');
}

/** Columns 3–8 of a person's line: task result, self grade, then 'x' or '' under each grade. */
function personCells(row: SummaryRow): string[] {
  return [
    row.taskResult ?? '',
    row.selfGrade ? abbreviations[row.selfGrade] : '',
    ...gradeColumns.map(({ grade }) => (row.finalGrade === grade ? 'x' : '')),
  ];
}

export function summaryLines(doc: SummaryDocument): SummaryLine[] {
  const person = (row: SummaryRow): SummaryLine => ({
    kind: 'person',
    number: row.number,
    fullName: row.fullName,
    positionName: row.positionName,
    cells: personCells(row),
    note: noteOf(row),
  });
  const section = ([number, label]: readonly [string, string]): SummaryLine => ({ kind: 'section', number, label });
  const subsection = ([number, label]: readonly [string, string]): SummaryLine => ({ kind: 'subsection', number, label });
  const s = SUMMARY_SECTIONS;
  return [
    section(s.leaders),
    subsection(s.heads),
    ...doc.leaders.heads.map(person),
    subsection(s.deputies),
    ...doc.leaders.deputies.map(person),
    section(s.staff),
    ...doc.staff.map(person),
    section(s.contract),
    ...doc.contract.map(person),
    section(s.rewards),
    ...doc.rewardProposals.map(person),
  ];
}
