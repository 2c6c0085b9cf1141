/**
 * Import of a unit's work-product catalogue (danh mục sản phẩm/công việc) from a spreadsheet that the
 * unit keeps in Excel, and the blank template for it.
 *
 * Pure apart from exceljs: no database, no I/O. Bad input never throws; every problem becomes a
 * {@link RowError}. `rows` holds only the rows that passed every check, so a caller that wants an
 * all-or-nothing import rejects the file when `errors` is not empty.
 */
import * as ExcelJS from 'exceljs';

export type SpreadsheetFormat = 'xlsx' | 'csv';

export interface CatalogueRow {
  code: string;
  name: string;
  complexityGroup: string;
  unitOfMeasure: string;
  factor: number;
}

export interface RowError {
  /** 1-based spreadsheet row, the header is row 1; 0 for a problem with the file as a whole. */
  row: number;
  /** The Vietnamese header text of the column, or '' for a whole-row or whole-file problem. */
  column: string;
  /** English, precise, e.g. 'must be a positive number, got "-2"'. */
  message: string;
}

export interface ParsedCatalogue {
  rows: CatalogueRow[];
  errors: RowError[];
}

export const catalogueColumns: readonly { key: keyof CatalogueRow; header: string }[] = Object.freeze([
  Object.freeze({ key: 'code', header: 'Mã' }),
  Object.freeze({ key: 'name', header: 'Tên sản phẩm/công việc' }),
  Object.freeze({ key: 'complexityGroup', header: 'Nhóm độ phức tạp' }),
  Object.freeze({ key: 'unitOfMeasure', header: 'Đơn vị tính' }),
  Object.freeze({ key: 'factor', header: 'Hệ số quy đổi' }),
] as const);

/** Limits, exported for the caller's messages and for tests. */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;
export const MAX_DATA_ROWS = 5000;
export const MAX_CODE_LENGTH = 50;
export const MAX_NAME_LENGTH = 300;
export const MAX_COMPLEXITY_GROUP_LENGTH = 50;
export const MAX_UNIT_OF_MEASURE_LENGTH = 50;
export const MAX_FACTOR = 10000;
export const MAX_FACTOR_DECIMALS = 4;
/** Guard against zip bombs: the declared uncompressed size of all entries of an XLSX. */
const MAX_XLSX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_MIME = 'text/csv; charset=utf-8';
const TEMPLATE_BASENAME = 'mau-danh-muc-san-pham';
const SHEET_NAME = 'Danh mục';

const TEMPLATE_EXAMPLES: readonly CatalogueRow[] = [
  {
    code: 'VB01',
    name: 'Dự thảo văn bản hành chính thông thường',
    complexityGroup: 'Nhóm I',
    unitOfMeasure: 'văn bản',
    factor: 1,
  },
  { code: 'BC01', name: 'Báo cáo chuyên đề', complexityGroup: 'Nhóm II', unitOfMeasure: 'báo cáo', factor: 2.5 },
];

// ---------------------------------------------------------------------------------------------
// Cells: the common shape both readers produce
// ---------------------------------------------------------------------------------------------

/** An Excel error value (#REF!, #DIV/0!, …) or a formula without a cached result. */
interface CellProblem {
  problem: string;
}

/** null = empty. Strings are raw (untrimmed) text; numbers come only from numeric XLSX cells. */
type Cell = string | number | CellProblem | null;

interface SheetRow {
  /** 1-based spreadsheet row number. */
  row: number;
  cells: Cell[];
}

interface Sheet {
  rows: SheetRow[];
  /** A problem that stopped reading part-way (CSV: an unterminated quote); rows before it are usable. */
  readError?: RowError;
  /** CSV only: a non-empty field beyond the header is a sign of an unquoted separator. */
  strictWidth: boolean;
}

const isProblem = (cell: Cell): cell is CellProblem => typeof cell === 'object' && cell !== null;

const isEmptyCell = (cell: Cell): boolean =>
  cell === null || (typeof cell === 'string' && cell.replace(/[\s\u200B\uFEFF]+/gu, '') === '');

/** Strips float noise (2.4999999999 → 2.5, 0.1 + 0.2 → 0.3); exact for |x| well beyond the limits. */
const roundNoise = (value: number): number => {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e6) return value;
  return Math.round(value * 1e9) / 1e9;
};

const formatNumber = (value: number): string => String(roundNoise(value));

/** Column letter(s) of a 0-based column index: 0 → A, 26 → AA. */
const columnLetter = (index: number): string => {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
};

const quote = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

type CsvParse = { ok: true; sheet: Sheet } | { ok: false; error: RowError };

function decodeUtf8(data: Uint8Array): string | undefined {
  try {
    // fatal: reject malformed sequences; the default ignoreBOM=false strips a leading UTF-8 BOM.
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
}

/** ';' when the header line has ';' and no ',' (Vietnamese-locale Excel), otherwise ','. */
function detectSeparator(text: string): ',' | ';' {
  const end = text.search(/[\r\n]/);
  const headerLine = end === -1 ? text : text.slice(0, end);
  return headerLine.includes(';') && !headerLine.includes(',') ? ';' : ',';
}

/**
 * RFC 4180 records: quoted fields with "" escapes, separators and line breaks inside quotes, CRLF, LF
 * or a lone CR as the record terminator. Lenient where the RFC is silent: a quote inside an unquoted
 * field and text after a closing quote are kept literally. A record with an embedded line break is one
 * spreadsheet row, as Excel shows it.
 */
function parseCsvText(text: string, separator: string): { records: string[][]; unterminatedAt?: number } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false; // anything seen since the start of the record
  let quoteRecord = 0;
  let i = 0;
  const n = text.length;
  const endRecord = (): void => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
    fieldStarted = false;
  };
  while (i < n) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else {
          inQuotes = false;
          i += 1;
        }
      } else {
        field += ch;
        i += 1;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      fieldStarted = true;
      quoteRecord = records.length + 1;
      i += 1;
    } else if (ch === separator) {
      record.push(field);
      field = '';
      fieldStarted = true;
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      fieldStarted = true;
      i += 1;
    }
  }
  if (inQuotes) return { records, unterminatedAt: quoteRecord };
  if (fieldStarted || field !== '' || record.length > 0) endRecord();
  return { records };
}

function readCsv(data: Uint8Array): CsvParse {
  const text = decodeUtf8(data);
  if (text === undefined) {
    return {
      ok: false,
      error: {
        row: 0,
        column: '',
        message: 'the file is not valid UTF-8 text; save it from Excel as "CSV UTF-8 (Comma delimited) (*.csv)"',
      },
    };
  }
  const { records, unterminatedAt } = parseCsvText(text, detectSeparator(text));
  const sheet: Sheet = {
    rows: records.map((fields, index) => ({ row: index + 1, cells: fields.map((f) => (f === '' ? null : f)) })),
    strictWidth: true,
  };
  if (unterminatedAt !== undefined) {
    sheet.readError = {
      row: unterminatedAt,
      column: '',
      message: 'a quoted field starting on this row is never closed (missing closing \'"\'); the rest of the file was not read',
    };
  }
  return { ok: true, sheet };
}

// ---------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------

type XlsxParse = { ok: true; sheet: Sheet } | { ok: false; error: RowError };

const fileError = (message: string): { ok: false; error: RowError } => ({
  ok: false,
  error: { row: 0, column: '', message },
});

/**
 * The sum of the uncompressed sizes declared in a zip's central directory, or undefined when the
 * central directory cannot be found (then exceljs gets to report the broken file).
 */
function declaredUncompressedSize(data: Uint8Array): number | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const minEocd = 22;
  if (data.length < minEocd) return undefined;
  const stop = Math.max(0, data.length - minEocd - 0xffff);
  for (let p = data.length - minEocd; p >= stop; p--) {
    if (view.getUint32(p, true) !== 0x06054b50) continue;
    const entries = view.getUint16(p + 10, true);
    const cdOffset = view.getUint32(p + 16, true);
    let q = cdOffset;
    let total = 0;
    for (let e = 0; e < entries; e++) {
      if (q + 46 > data.length || view.getUint32(q, true) !== 0x02014b50) return undefined;
      const size = view.getUint32(q + 24, true);
      // 0xFFFFFFFF means a ZIP64 size: far more than any catalogue needs.
      total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : size;
      q += 46 + view.getUint16(q + 28, true) + view.getUint16(q + 30, true) + view.getUint16(q + 32, true);
    }
    return total;
  }
  return undefined;
}

function richTextOf(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null && Array.isArray((value as { richText?: unknown }).richText)) {
    return ((value as { richText: { text?: unknown }[] }).richText)
      .map((run) => (typeof run?.text === 'string' ? run.text : ''))
      .join('');
  }
  return undefined;
}

function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** exceljs cell value → Cell. */
function fromExcelValue(value: unknown, depth = 0): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { problem: `the value ${value} is not a finite number` };
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value !== 'object' || depth > 3) return String(value);
  const rich = richTextOf(value);
  if (rich !== undefined) return rich;
  const v = value as Record<string, unknown>;
  if (typeof v.error === 'string') return { problem: `contains the Excel error ${v.error}` };
  if ('formula' in v || 'sharedFormula' in v) {
    if (v.result === undefined || v.result === null) {
      return { problem: 'is a formula without a calculated value; open the file in Excel and save it again' };
    }
    return fromExcelValue(v.result, depth + 1);
  }
  if ('hyperlink' in v || 'text' in v) {
    // Hyperlink: the display text, which may itself be rich text.
    return v.text === undefined ? (typeof v.hyperlink === 'string' ? v.hyperlink : null) : fromExcelValue(v.text, depth + 1);
  }
  return String(value);
}

async function readXlsx(data: Buffer): Promise<XlsxParse> {
  const isZip = data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  if (!isZip) {
    const isLegacyXls = data.length >= 4 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0;
    return fileError(
      isLegacyXls
        ? 'the file is an old Excel 97-2003 workbook (.xls); save it as an Excel Workbook (.xlsx) and try again'
        : 'the file is not an Excel workbook (.xlsx)',
    );
  }
  const declared = declaredUncompressedSize(data);
  if (declared !== undefined && declared > MAX_XLSX_UNCOMPRESSED_BYTES) {
    return fileError(
      `the workbook is too large when uncompressed (over ${MAX_XLSX_UNCOMPRESSED_BYTES / 1024 / 1024} MB); keep only the catalogue sheet`,
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch (err) {
    const detail = err instanceof Error && err.message ? `: ${err.message}` : '';
    return fileError(`the file is not a readable Excel workbook (.xlsx)${detail}`);
  }
  const worksheet = workbook.worksheets[0];
  if (worksheet === undefined) return fileError('the workbook has no worksheet');
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    // row.cellCount is the index of the last cell with content or style in this row.
    for (let c = 1; c <= row.cellCount; c++) cells.push(fromExcelValue(row.getCell(c).value));
    rows.push({ row: rowNumber, cells });
  });
  return { ok: true, sheet: { rows, strictWidth: false } };
}

// ---------------------------------------------------------------------------------------------
// Header and rows
// ---------------------------------------------------------------------------------------------

const normaliseHeader = (text: string): string =>
  text
    .normalize('NFC')
    .replace(/[\u200B\uFEFF]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();

const normalisedHeaders = catalogueColumns.map((c) => normaliseHeader(c.header));

/** Maps each catalogue column to its 0-based index in the file, or reports the header problems. */
function mapHeader(headerCells: Cell[]): { indexes: number[] } | { errors: RowError[] } {
  const found: number[][] = catalogueColumns.map(() => []);
  headerCells.forEach((cell, index) => {
    const text = typeof cell === 'string' ? cell : typeof cell === 'number' ? formatNumber(cell) : '';
    const k = normalisedHeaders.indexOf(normaliseHeader(text));
    if (k !== -1) found[k].push(index);
  });
  const errors: RowError[] = [];
  catalogueColumns.forEach((column, k) => {
    if (found[k].length === 0) {
      errors.push({ row: 1, column: column.header, message: `the required column header "${column.header}" is missing` });
    } else if (found[k].length > 1) {
      errors.push({
        row: 1,
        column: column.header,
        message: `the column header "${column.header}" appears more than once (columns ${found[k].map(columnLetter).join(', ')})`,
      });
    }
  });
  return errors.length > 0 ? { errors } : { indexes: found.map((f) => f[0]) };
}

/** NFC, trimmed; inner whitespace (including line breaks) collapsed to one space when `collapse`. */
function cleanText(raw: string, collapse: boolean): string {
  const text = raw.normalize('NFC').replace(/[\u200B\uFEFF]/gu, '');
  return (collapse ? text.replace(/\s+/gu, ' ') : text).trim();
}

const charLength = (text: string): number => [...text].length;

type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

function requiredText(cell: Cell, maxLength: number, collapse: boolean): FieldResult<string> {
  if (isProblem(cell)) return { ok: false, message: cell.problem };
  const text = cleanText(typeof cell === 'number' ? formatNumber(cell) : (cell ?? ''), collapse);
  if (text === '') return { ok: false, message: 'is required' };
  const length = charLength(text);
  if (length > maxLength) return { ok: false, message: `must be at most ${maxLength} characters, got ${length}` };
  return { ok: true, value: text };
}

const CODE_PATTERN = /^[\p{L}0-9._-]+$/u;

function parseCode(cell: Cell): FieldResult<string> {
  const text = requiredText(cell, MAX_CODE_LENGTH, false);
  if (!text.ok) return text;
  if (!CODE_PATTERN.test(text.value)) {
    return {
      ok: false,
      message: `may contain only letters, digits, ".", "-" and "_" (no spaces), got ${quote(text.value)}`,
    };
  }
  return text;
}

/** A plain decimal: optional minus, digits, optionally one '.' or ',' and digits. No thousands separators. */
const DECIMAL_PATTERN = /^(-?)(\d+)(?:[.,](\d+))?$/;

function checkFactorRange(value: number, shown: string): FieldResult<number> {
  if (!(value > 0)) return { ok: false, message: `must be a positive number, got ${quote(shown)}` };
  if (value > MAX_FACTOR) return { ok: false, message: `must be at most ${MAX_FACTOR}, got ${quote(shown)}` };
  return { ok: true, value };
}

function parseFactor(cell: Cell): FieldResult<number> {
  if (isProblem(cell)) return { ok: false, message: cell.problem };
  if (typeof cell === 'number') {
    const value = roundNoise(cell);
    const shown = formatNumber(cell);
    const range = checkFactorRange(value, shown);
    if (!range.ok) return range;
    const scaled = value * 10 ** MAX_FACTOR_DECIMALS;
    if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
      return { ok: false, message: `must have at most ${MAX_FACTOR_DECIMALS} decimal places, got ${quote(shown)}` };
    }
    return { ok: true, value: Math.round(scaled) / 10 ** MAX_FACTOR_DECIMALS };
  }
  const text = cleanText(cell ?? '', false);
  if (text === '') return { ok: false, message: 'is required' };
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) {
    return {
      ok: false,
      message: `must be a number written with digits and at most one decimal separator ("," or "."), without thousands separators, got ${quote(text)}`,
    };
  }
  const [, sign, whole, fraction = ''] = match;
  const significantFraction = fraction.replace(/0+$/, '');
  const value = Number(`${sign}${whole}.${fraction || '0'}`);
  const range = checkFactorRange(value, text);
  if (!range.ok) return range;
  if (significantFraction.length > MAX_FACTOR_DECIMALS) {
    return { ok: false, message: `must have at most ${MAX_FACTOR_DECIMALS} decimal places, got ${quote(text)}` };
  }
  return { ok: true, value: Number(`${whole}.${significantFraction || '0'}`) };
}

function validate(sheet: Sheet): ParsedCatalogue {
  const errors: RowError[] = [];
  const withReadError = (): RowError[] => (sheet.readError ? [...errors, sheet.readError] : errors);

  if (sheet.rows.every((r) => r.cells.every(isEmptyCell))) {
    if (sheet.readError) return { rows: [], errors: [sheet.readError] };
    const names = catalogueColumns.map((c) => `"${c.header}"`).join(', ');
    return {
      rows: [],
      errors: [{ row: 1, column: '', message: `the file is empty; row 1 must be the header row with the columns ${names}` }],
    };
  }
  const header = sheet.rows.find((r) => r.row === 1);
  const mapping = mapHeader(header?.cells ?? []);
  if ('errors' in mapping) return { rows: [], errors: mapping.errors };
  const { indexes } = mapping;
  const width = header?.cells.length ?? 0;

  const dataRows = sheet.rows.filter((r) => r.row > 1 && !r.cells.every(isEmptyCell));
  if (dataRows.length > MAX_DATA_ROWS) {
    return {
      rows: [],
      errors: [
        {
          row: dataRows[MAX_DATA_ROWS].row,
          column: '',
          message: `the file has ${dataRows.length} data rows; at most ${MAX_DATA_ROWS} are allowed, split the catalogue into several files`,
        },
      ],
    };
  }
  if (dataRows.length === 0) {
    if (!sheet.readError) errors.push({ row: 2, column: '', message: 'the file has a header row but no data rows' });
    return { rows: [], errors: withReadError() };
  }

  const rows: CatalogueRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (const { row, cells } of dataRows) {
    if (sheet.strictWidth) {
      const extra = cells.slice(width).filter((c) => !isEmptyCell(c)).length;
      if (extra > 0) {
        errors.push({
          row,
          column: '',
          message: `the row has ${cells.length} fields but the header has ${width}; a value that contains the separator must be enclosed in double quotes`,
        });
        continue;
      }
    }
    const cellOf = (k: number): Cell => cells[indexes[k]] ?? null;
    let rowOk = true;
    const fail = (k: number, message: string): void => {
      rowOk = false;
      errors.push({ row, column: catalogueColumns[k].header, message });
    };

    const code = parseCode(cellOf(0));
    if (!code.ok) fail(0, code.message);
    else {
      const key = code.value.toLowerCase();
      const earlier = firstRowOfCode.get(key);
      if (earlier !== undefined) {
        fail(0, `duplicate code ${quote(code.value)}: already used on row ${earlier} (codes are case-insensitive)`);
      } else {
        firstRowOfCode.set(key, row);
      }
    }
    const name = requiredText(cellOf(1), MAX_NAME_LENGTH, true);
    if (!name.ok) fail(1, name.message);
    const group = requiredText(cellOf(2), MAX_COMPLEXITY_GROUP_LENGTH, true);
    if (!group.ok) fail(2, group.message);
    const unit = requiredText(cellOf(3), MAX_UNIT_OF_MEASURE_LENGTH, true);
    if (!unit.ok) fail(3, unit.message);
    const factor = parseFactor(cellOf(4));
    if (!factor.ok) fail(4, factor.message);

    if (rowOk && code.ok && name.ok && group.ok && unit.ok && factor.ok) {
      rows.push({
        code: code.value,
        name: name.value,
        complexityGroup: group.value,
        unitOfMeasure: unit.value,
        factor: factor.value,
      });
    }
  }
  return { rows, errors: withReadError() };
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

function assertArguments(data: unknown, format: unknown): void {
  if (!(data instanceof Uint8Array)) throw new TypeError('parseCatalogue: data must be a Buffer');
  if (format !== 'xlsx' && format !== 'csv') {
    throw new TypeError(`parseCatalogue: format must be 'xlsx' or 'csv', got ${String(format)}`);
  }
}

/**
 * Reads a catalogue spreadsheet. Row 1 is the header (columns matched by name, case-, space- and
 * Unicode-normalisation-insensitive, in any order; other columns are ignored); empty rows are skipped.
 * Never throws for bad input; throws TypeError only when called with a non-buffer or an unknown format.
 */
export async function parseCatalogue(data: Buffer, format: SpreadsheetFormat): Promise<ParsedCatalogue> {
  assertArguments(data, format);
  // A plain Uint8Array is accepted too (a Buffer without Buffer's prototype, e.g. from a structured clone).
  const bytes: Uint8Array = data;
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length > MAX_INPUT_BYTES) {
    const mb = (buffer.length / 1024 / 1024).toFixed(1);
    return {
      rows: [],
      errors: [{ row: 0, column: '', message: `the file is too large (${mb} MB); the limit is ${MAX_INPUT_BYTES / 1024 / 1024} MB` }],
    };
  }
  const read = format === 'csv' ? readCsv(buffer) : await readXlsx(buffer);
  if (!read.ok) return { rows: [], errors: [read.error] };
  return validate(read.sheet);
}

const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The blank catalogue with the header row and two example rows, ready to download. */
export async function catalogueTemplate(
  format: SpreadsheetFormat,
): Promise<{ filename: string; mimeType: string; content: Buffer }> {
  if (format === 'csv') {
    const lines = [
      catalogueColumns.map((c) => csvField(c.header)).join(','),
      ...TEMPLATE_EXAMPLES.map((r) => catalogueColumns.map((c) => csvField(String(r[c.key]))).join(',')),
    ];
    // BOM so that Excel reads the file as UTF-8; CRLF line breaks as RFC 4180 prescribes.
    const content = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
    return { filename: `${TEMPLATE_BASENAME}.csv`, mimeType: CSV_MIME, content };
  }
  if (format !== 'xlsx') throw new TypeError(`catalogueTemplate: format must be 'xlsx' or 'csv', got ${String(format)}`);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cbccvc-evaluation';
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths: Record<keyof CatalogueRow, number> = {
    code: 12,
    name: 50,
    complexityGroup: 20,
    unitOfMeasure: 16,
    factor: 16,
  };
  sheet.columns = catalogueColumns.map((c) => ({ header: c.header, key: c.key, width: widths[c.key] }));
  sheet.getRow(1).font = { bold: true };
  for (const example of TEMPLATE_EXAMPLES) sheet.addRow({ ...example });
  const written = await workbook.xlsx.writeBuffer();
  const content = Buffer.isBuffer(written) ? written : Buffer.from(written as ArrayBuffer);
  return { filename: `${TEMPLATE_BASENAME}.xlsx`, mimeType: XLSX_MIME, content };
}
