jest.setTimeout(60_000); // the 5,000-row and zip-bomb cases take seconds on a loaded 2-core machine

import * as ExcelJS from 'exceljs';
import {
  catalogueColumns,
  catalogueTemplate,
  parseCatalogue,
  type CatalogueRow,
  type ParsedCatalogue,
  type RowError,
} from './catalogue-import';

const [CODE, NAME, GROUP, UNIT, FACTOR] = catalogueColumns.map((c) => c.header);
const HEADER = [CODE, NAME, GROUP, UNIT, FACTOR];
const HEADER_LINE = HEADER.join(',');

const EXAMPLES: CatalogueRow[] = [
  {
    code: 'VB01',
    name: 'Dự thảo văn bản hành chính thông thường',
    complexityGroup: 'Nhóm I',
    unitOfMeasure: 'văn bản',
    factor: 1,
  },
  { code: 'BC01', name: 'Báo cáo chuyên đề', complexityGroup: 'Nhóm II', unitOfMeasure: 'báo cáo', factor: 2.5 },
];

const csv = (text: string): Promise<ParsedCatalogue> => parseCatalogue(Buffer.from(text, 'utf8'), 'csv');
const csvLines = (...lines: string[]): Promise<ParsedCatalogue> => csv(lines.join('\r\n') + '\r\n');

/** An XLSX whose first sheet holds `rows` from A1; `null` leaves a cell empty, `undefined` a whole row. */
async function xlsxBuffer(rows: (ExcelJS.CellValue[] | undefined)[], extraSheetFirst = false): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  if (extraSheetFirst) workbook.addWorksheet('Khác').getCell('A1').value = 'not the catalogue';
  const sheet = workbook.addWorksheet('Danh mục');
  rows.forEach((values, r) => {
    values?.forEach((value, c) => {
      if (value !== null && value !== undefined) sheet.getCell(r + 1, c + 1).value = value;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const xlsx = async (rows: (ExcelJS.CellValue[] | undefined)[]): Promise<ParsedCatalogue> =>
  parseCatalogue(await xlsxBuffer(rows), 'xlsx');

const row = (code: string, name: string, group: string, unit: string, factor: number): CatalogueRow => ({
  code,
  name,
  complexityGroup: group,
  unitOfMeasure: unit,
  factor,
});

describe('catalogueColumns', () => {
  it('lists the five Vietnamese headers in template order', () => {
    expect(catalogueColumns.map((c) => [c.key, c.header])).toEqual([
      ['code', 'Mã'],
      ['name', 'Tên sản phẩm/công việc'],
      ['complexityGroup', 'Nhóm độ phức tạp'],
      ['unitOfMeasure', 'Đơn vị tính'],
      ['factor', 'Hệ số quy đổi'],
    ]);
  });
});

describe('catalogueTemplate', () => {
  it('xlsx: named sheet, bold header, column widths, two examples, and it parses back to the examples', async () => {
    const template = await catalogueTemplate('xlsx');
    expect(template.filename).toBe('mau-danh-muc-san-pham.xlsx');
    expect(template.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(Buffer.isBuffer(template.content)).toBe(true);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.content as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Danh mục');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    for (let c = 1; c <= 5; c++) {
      expect(sheet.getRow(1).getCell(c).font?.bold).toBe(true);
      expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(10);
    }
    expect(sheet.getColumn(2).width).toBeGreaterThan(sheet.getColumn(1).width ?? 0);
    expect(sheet.getCell('E3').value).toBe(2.5);
    expect(sheet.actualRowCount).toBe(3);

    await expect(parseCatalogue(template.content, 'xlsx')).resolves.toEqual({ rows: EXAMPLES, errors: [] });
  });

  it('csv: UTF-8 BOM, comma separated, CRLF, and it parses back to the examples', async () => {
    const template = await catalogueTemplate('csv');
    expect(template.filename).toBe('mau-danh-muc-san-pham.csv');
    expect(template.mimeType).toBe('text/csv; charset=utf-8');
    expect([...template.content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = template.content.toString('utf8').slice(1);
    expect(text).toBe(
      [HEADER_LINE, 'VB01,Dự thảo văn bản hành chính thông thường,Nhóm I,văn bản,1', 'BC01,Báo cáo chuyên đề,Nhóm II,báo cáo,2.5', ''].join(
        '\r\n',
      ),
    );
    await expect(parseCatalogue(template.content, 'csv')).resolves.toEqual({ rows: EXAMPLES, errors: [] });
  });
});

describe('parseCatalogue: CSV', () => {
  it('reads quoted fields with commas, escaped quotes and line breaks; trims and collapses whitespace', async () => {
    const result = await csvLines(
      HEADER_LINE,
      '  VB01 ,"Dự thảo văn bản, tờ trình",Nhóm I,văn bản,1',
      'VB02,"Góp ý dự thảo ""Luật Thủ đô""",Nhóm II,văn bản,"2,5"',
      'VB03,"Báo cáo\r\ntổng hợp\n   tháng",  Nhóm   III ,  báo cáo  ,3',
      'VB04,Tham mưu\t  xử lý đơn thư,Nhóm I,đơn,0.75',
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      row('VB01', 'Dự thảo văn bản, tờ trình', 'Nhóm I', 'văn bản', 1),
      row('VB02', 'Góp ý dự thảo "Luật Thủ đô"', 'Nhóm II', 'văn bản', 2.5),
      row('VB03', 'Báo cáo tổng hợp tháng', 'Nhóm III', 'báo cáo', 3),
      row('VB04', 'Tham mưu xử lý đơn thư', 'Nhóm I', 'đơn', 0.75),
    ]);
  });

  it('counts a record with embedded line breaks as one spreadsheet row', async () => {
    const result = await csvLines(HEADER_LINE, 'A1,"Hai\ndòng",Nhóm I,cái,1', 'A2,,Nhóm I,cái,1');
    expect(result.errors).toEqual([{ row: 3, column: NAME, message: 'is required' }]);
  });

  it("accepts ';' as the separator (Vietnamese Excel) with decimal commas", async () => {
    const result = await csvLines(
      HEADER.join(';'),
      'VB01;Dự thảo văn bản, tờ trình;Nhóm I;văn bản;2,5',
      'VB02;"Có ; chấm phẩy";Nhóm II;văn bản;0,125',
      'VB03;Báo cáo;Nhóm II;báo cáo;1.75',
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      row('VB01', 'Dự thảo văn bản, tờ trình', 'Nhóm I', 'văn bản', 2.5),
      row('VB02', 'Có ; chấm phẩy', 'Nhóm II', 'văn bản', 0.125),
      row('VB03', 'Báo cáo', 'Nhóm II', 'báo cáo', 1.75),
    ]);
  });

  it("keeps ',' as the separator when the header has both ',' and ';'", async () => {
    const result = await csvLines(`${HEADER_LINE},Ghi chú; khác`, 'VB01,Dự thảo;văn bản,Nhóm I,văn bản,1,x;y');
    expect(result).toEqual({ rows: [row('VB01', 'Dự thảo;văn bản', 'Nhóm I', 'văn bản', 1)], errors: [] });
  });

  it('strips a UTF-8 BOM and accepts LF, CRLF and CR line endings, with or without a final line break', async () => {
    const body = ['A1,Một,Nhóm I,cái,1', 'A2,Hai,Nhóm I,cái,2'];
    for (const eol of ['\n', '\r\n', '\r']) {
      for (const final of ['', eol]) {
        const result = await csv(`\uFEFF${[HEADER_LINE, ...body].join(eol)}${final}`);
        expect(result.errors).toEqual([]);
        expect(result.rows.map((r) => r.code)).toEqual(['A1', 'A2']);
      }
    }
  });

  it('matches headers case-insensitively, ignoring surrounding spaces and NFC/NFD differences', async () => {
    const header = ['  mã ', NAME.normalize('NFD').toUpperCase(), `\t${GROUP.normalize('NFD')}  `, UNIT.toLowerCase(), FACTOR.normalize('NFD')];
    expect(header[1]).not.toBe(NAME.toUpperCase()); // really decomposed
    const result = await csvLines(header.join(','), `VB01,${'Dự thảo'.normalize('NFD')},Nhóm I,văn bản,1`);
    expect(result.errors).toEqual([]);
    // values are normalised to NFC too
    expect(result.rows).toEqual([row('VB01', 'Dự thảo', 'Nhóm I', 'văn bản', 1)]);
  });

  it('maps columns by header, in any order, and ignores other columns', async () => {
    const result = await csvLines(
      [FACTOR, 'Ghi chú', UNIT, CODE, GROUP, NAME].join(','),
      '2,ghi chú bất kỳ,báo cáo,BC01,Nhóm II,Báo cáo chuyên đề',
    );
    expect(result).toEqual({ rows: [row('BC01', 'Báo cáo chuyên đề', 'Nhóm II', 'báo cáo', 2)], errors: [] });
  });

  it('skips empty rows but keeps counting spreadsheet rows', async () => {
    const result = await csvLines(HEADER_LINE, '', 'A1,Một,Nhóm I,cái,1', ',,,,', '   ,  ,,,', '', 'A2,Hai,Nhóm I,cái,-1');
    expect(result.rows.map((r) => r.code)).toEqual(['A1']);
    expect(result.errors).toEqual([{ row: 7, column: FACTOR, message: 'must be a positive number, got "-1"' }]);
  });

  it('reports a row with more fields than the header (an unquoted comma) as a whole-row error', async () => {
    const result = await csvLines(HEADER_LINE, 'A1,Dự thảo, sửa đổi,Nhóm I,văn bản,1', 'A2,Hai,Nhóm I,cái,1,,');
    expect(result.errors).toEqual([
      {
        row: 2,
        column: '',
        message:
          'the row has 6 fields but the header has 5; a value that contains the separator must be enclosed in double quotes',
      },
    ]);
    expect(result.rows.map((r) => r.code)).toEqual(['A2']); // trailing empty fields are fine
  });

  it('treats missing trailing fields as empty', async () => {
    const result = await csvLines(HEADER_LINE, 'A1,Một,Nhóm I');
    expect(result.errors).toEqual([
      { row: 2, column: UNIT, message: 'is required' },
      { row: 2, column: FACTOR, message: 'is required' },
    ]);
  });

  it('reports an unterminated quoted field and keeps the rows before it', async () => {
    const result = await csvLines(HEADER_LINE, 'A1,Một,Nhóm I,cái,1', 'A2,"Hai,Nhóm I,cái,1', 'A3,Ba,Nhóm I,cái,1');
    expect(result.rows.map((r) => r.code)).toEqual(['A1']);
    expect(result.errors).toEqual([
      {
        row: 3,
        column: '',
        message:
          'a quoted field starting on this row is never closed (missing closing \'"\'); the rest of the file was not read',
      },
    ]);
  });

  it('rejects a file that is not valid UTF-8 with one file-level error', async () => {
    // "Mã" in Windows-1258 / Latin-1 style single bytes: 0xE3 is not a valid UTF-8 sequence here.
    const latin1 = Buffer.from('M\xe3,T\xean s\xe3n ph\xe2m\r\nVB01,D\xf1 th\xe3o\r\n', 'latin1');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER_LINE}\r\n`, 'utf16le')]);
    const expected: ParsedCatalogue = {
      rows: [],
      errors: [
        {
          row: 0,
          column: '',
          message: 'the file is not valid UTF-8 text; save it from Excel as "CSV UTF-8 (Comma delimited) (*.csv)"',
        },
      ],
    };
    await expect(parseCatalogue(latin1, 'csv')).resolves.toEqual(expected);
    await expect(parseCatalogue(utf16, 'csv')).resolves.toEqual(expected);
  });
});

describe('parseCatalogue: header problems', () => {
  it('reports each missing required header on row 1 and parses no rows', async () => {
    const result = await csvLines([CODE, 'Tên', GROUP, 'Đơn vị'].join(','), 'VB01,Dự thảo,Nhóm I,văn bản');
    expect(result).toEqual({
      rows: [],
      errors: [
        { row: 1, column: NAME, message: 'the required column header "Tên sản phẩm/công việc" is missing' },
        { row: 1, column: UNIT, message: 'the required column header "Đơn vị tính" is missing' },
        { row: 1, column: FACTOR, message: 'the required column header "Hệ số quy đổi" is missing' },
      ],
    });
  });

  it('treats a file whose first row is data, not headers, as missing all headers', async () => {
    const result = await csvLines('VB01,Dự thảo,Nhóm I,văn bản,1');
    expect(result.rows).toEqual([]);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual(HEADER.map((h) => [1, h]));
  });

  it('reports a header that appears twice', async () => {
    const result = await csvLines(`${HEADER_LINE},mã`, 'VB01,Dự thảo,Nhóm I,văn bản,1,VB02');
    expect(result).toEqual({
      rows: [],
      errors: [{ row: 1, column: CODE, message: 'the column header "Mã" appears more than once (columns A, F)' }],
    });
  });

  it('reports an empty file and a file with only the header row', async () => {
    const empty = {
      row: 1,
      column: '',
      message:
        'the file is empty; row 1 must be the header row with the columns "Mã", "Tên sản phẩm/công việc", "Nhóm độ phức tạp", "Đơn vị tính", "Hệ số quy đổi"',
    };
    await expect(csv('')).resolves.toEqual({ rows: [], errors: [empty] });
    await expect(csv('\uFEFF\r\n\r\n')).resolves.toEqual({ rows: [], errors: [empty] });
    await expect(xlsx([])).resolves.toEqual({ rows: [], errors: [empty] });
    const headerOnly = { rows: [], errors: [{ row: 2, column: '', message: 'the file has a header row but no data rows' }] };
    await expect(csvLines(HEADER_LINE, '', ',,')).resolves.toEqual(headerOnly);
    await expect(xlsx([HEADER])).resolves.toEqual(headerOnly);
  });
});

describe('parseCatalogue: validation', () => {
  const ok = (code: string): string => `${code},Tên,Nhóm I,cái,1`;

  it('reports every rule violation with its row, column header and message', async () => {
    const lines = [
      HEADER_LINE,
      ',Thiếu mã,Nhóm I,cái,1', // 2
      `${'A'.repeat(51)},Mã quá dài,Nhóm I,cái,1`, // 3
      'VB 01,Mã có dấu cách,Nhóm I,cái,1', // 4
      'VB/01,Mã có gạch chéo,Nhóm I,cái,1', // 5
      'X1,,Nhóm I,cái,1', // 6
      `X2,${'n'.repeat(301)},Nhóm I,cái,1`, // 7
      'X3,Tên,,cái,1', // 8
      `X4,Tên,${'g'.repeat(51)},cái,1`, // 9
      'X5,Tên,Nhóm I,,1', // 10
      `X6,Tên,Nhóm I,${'u'.repeat(51)},1`, // 11
      'X7,Tên,Nhóm I,cái,', // 12
      'X8,Tên,Nhóm I,cái,-2', // 13
      'X9,Tên,Nhóm I,cái,0', // 14
      'X10,Tên,Nhóm I,cái,10000.0001', // 15
      'X11,Tên,Nhóm I,cái,1.23456', // 16
      'X12,Tên,Nhóm I,cái,"1.000,5"', // 17
      'X13,Tên,Nhóm I,cái,abc', // 18
      'X14,Tên,Nhóm I,cái,1 000', // 19
      'X15,Tên,Nhóm I,cái,"1,000.5"', // 20
      'X16,Tên,Nhóm I,cái,.5', // 21
      'X17,Tên,Nhóm I,cái,1e3', // 22
      'X18,Tên,Nhóm I,cái,20000', // 23
      'x1,Trùng mã,Nhóm I,cái,1', // 24
    ];
    const result = await csvLines(...lines);
    const notNumber = (got: string): string =>
      `must be a number written with digits and at most one decimal separator ("," or "."), without thousands separators, got "${got}"`;
    expect(result.errors).toEqual<RowError[]>([
      { row: 2, column: CODE, message: 'is required' },
      { row: 3, column: CODE, message: 'must be at most 50 characters, got 51' },
      { row: 4, column: CODE, message: 'may contain only letters, digits, ".", "-" and "_" (no spaces), got "VB 01"' },
      { row: 5, column: CODE, message: 'may contain only letters, digits, ".", "-" and "_" (no spaces), got "VB/01"' },
      { row: 6, column: NAME, message: 'is required' },
      { row: 7, column: NAME, message: 'must be at most 300 characters, got 301' },
      { row: 8, column: GROUP, message: 'is required' },
      { row: 9, column: GROUP, message: 'must be at most 50 characters, got 51' },
      { row: 10, column: UNIT, message: 'is required' },
      { row: 11, column: UNIT, message: 'must be at most 50 characters, got 51' },
      { row: 12, column: FACTOR, message: 'is required' },
      { row: 13, column: FACTOR, message: 'must be a positive number, got "-2"' },
      { row: 14, column: FACTOR, message: 'must be a positive number, got "0"' },
      { row: 15, column: FACTOR, message: 'must be at most 10000, got "10000.0001"' },
      { row: 16, column: FACTOR, message: 'must have at most 4 decimal places, got "1.23456"' },
      { row: 17, column: FACTOR, message: notNumber('1.000,5') },
      { row: 18, column: FACTOR, message: notNumber('abc') },
      { row: 19, column: FACTOR, message: notNumber('1 000') },
      { row: 20, column: FACTOR, message: notNumber('1,000.5') },
      { row: 21, column: FACTOR, message: notNumber('.5') },
      { row: 22, column: FACTOR, message: notNumber('1e3') },
      { row: 23, column: FACTOR, message: 'must be at most 10000, got "20000"' },
      { row: 24, column: CODE, message: 'duplicate code "x1": already used on row 6 (codes are case-insensitive)' },
    ]);
    expect(result.rows).toEqual([]);
  });

  it('collects all errors of one row and of several rows together, keeping the valid rows', async () => {
    const result = await csvLines(HEADER_LINE, ok('A1'), 'A B,, ,  ,"-0,5"', ok('A2'), 'A3,Tên,Nhóm I,,x');
    expect(result.errors).toEqual([
      { row: 3, column: CODE, message: 'may contain only letters, digits, ".", "-" and "_" (no spaces), got "A B"' },
      { row: 3, column: NAME, message: 'is required' },
      { row: 3, column: GROUP, message: 'is required' },
      { row: 3, column: UNIT, message: 'is required' },
      { row: 3, column: FACTOR, message: 'must be a positive number, got "-0,5"' },
      { row: 5, column: UNIT, message: 'is required' },
      {
        row: 5,
        column: FACTOR,
        message:
          'must be a number written with digits and at most one decimal separator ("," or "."), without thousands separators, got "x"',
      },
    ]);
    expect(result.rows.map((r) => r.code)).toEqual(['A1', 'A2']);
  });

  it('accepts the limits themselves and counts characters, not bytes or NFD code units', async () => {
    const code = `${'A'.repeat(46)}.-_9`;
    const name = 'ệ'.repeat(300).normalize('NFD'); // 600 code points in NFD, 300 characters in NFC
    const result = await csvLines(HEADER_LINE, `${code},${name},${'g'.repeat(50)},${'đ'.repeat(50)},10000`);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([row(code, 'ệ'.repeat(300), 'g'.repeat(50), 'đ'.repeat(50), 10000)]);
  });

  it('accepts letters with Vietnamese diacritics, digits, ".", "-" and "_" in codes', async () => {
    const result = await csvLines(HEADER_LINE, ok('ĐT-01.a_2'), ok('123'));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.code)).toEqual(['ĐT-01.a_2', '123']);
  });

  it('parses factors with a decimal point or comma, ignoring trailing zeros when counting decimals', async () => {
    const factors = ['1', '2.5', '"2,5"', '0.0001', '"0,1234"', '1.50000', '007', '10000', '10000.0000', '"9999,9999"'];
    const result = await csvLines(HEADER_LINE, ...factors.map((f, i) => `F${i},Tên,Nhóm I,cái,${f}`));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.factor)).toEqual([1, 2.5, 2.5, 0.0001, 0.1234, 1.5, 7, 10000, 10000, 9999.9999]);
  });

  it('reports duplicate codes case-insensitively on the later rows, naming the first row', async () => {
    const result = await csvLines(HEADER_LINE, ok('VB01'), ok('BC01'), ok('vb01'), ok(' VB01 '), ok('bc01'));
    expect(result.errors).toEqual([
      { row: 4, column: CODE, message: 'duplicate code "vb01": already used on row 2 (codes are case-insensitive)' },
      { row: 5, column: CODE, message: 'duplicate code "VB01": already used on row 2 (codes are case-insensitive)' },
      { row: 6, column: CODE, message: 'duplicate code "bc01": already used on row 3 (codes are case-insensitive)' },
    ]);
    expect(result.rows.map((r) => r.code)).toEqual(['VB01', 'BC01']);
  });

  it('detects duplicates between NFC and NFD spellings of the same code', async () => {
    const result = await csvLines(HEADER_LINE, ok('ĐỀ01'), ok('đề01'.normalize('NFD')));
    expect(result.errors).toEqual([
      { row: 3, column: CODE, message: 'duplicate code "đề01": already used on row 2 (codes are case-insensitive)' },
    ]);
  });
});

describe('parseCatalogue: XLSX', () => {
  it('reads the first worksheet only', async () => {
    const buffer = await xlsxBuffer([HEADER, ['VB01', 'Dự thảo', 'Nhóm I', 'văn bản', 1]], true);
    const result = await parseCatalogue(buffer, 'xlsx');
    expect(result.rows).toEqual([]);
    expect(result.errors.map((e) => e.column)).toEqual(HEADER);
  });

  it('converts formula, rich-text and hyperlink cells to their text or number', async () => {
    const result = await xlsx([
      [
        { richText: [{ text: 'M', font: { bold: true } }, { text: 'ã' }] },
        NAME,
        { formula: '"Nhóm độ phức tạp"', result: GROUP },
        UNIT,
        FACTOR,
      ],
      [
        { formula: 'CONCATENATE("VB","01")', result: 'VB01' },
        { richText: [{ text: 'Dự thảo ', font: { italic: true } }, { text: 'văn bản', font: { bold: true } }] },
        { text: 'Nhóm I', hyperlink: 'https://example.vn/nhom-1' },
        // exceljs types hyperlink text as string, but a hyperlink's text can be rich text in real files
        { text: { richText: [{ text: 'văn ' }, { text: 'bản' }] }, hyperlink: 'https://example.vn/vb' } as unknown as ExcelJS.CellValue,
        { formula: '5/2', result: 2.5 },
      ],
      [
        { sharedFormula: 'A2', result: 'VB02' } as unknown as ExcelJS.CellValue,
        { text: ' Báo cáo   chuyên đề ', hyperlink: 'mailto:x@example.vn' },
        'Nhóm II',
        'báo cáo',
        { formula: 'B1', result: '3,5' },
      ],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      row('VB01', 'Dự thảo văn bản', 'Nhóm I', 'văn bản', 2.5),
      row('VB02', 'Báo cáo chuyên đề', 'Nhóm II', 'báo cáo', 3.5),
    ]);
  });

  it('reports Excel error values and formulas without a calculated value', async () => {
    const result = await xlsx([
      HEADER,
      ['VB01', 'Tên', 'Nhóm I', 'cái', { formula: '1/0', result: { error: '#DIV/0!' } }],
      ['VB02', { error: '#REF!' }, 'Nhóm I', 'cái', { formula: 'E2*2' }],
    ]);
    expect(result.errors).toEqual([
      { row: 2, column: FACTOR, message: 'contains the Excel error #DIV/0!' },
      { row: 3, column: NAME, message: 'contains the Excel error #REF!' },
      {
        row: 3,
        column: FACTOR,
        message: 'is a formula without a calculated value; open the file in Excel and save it again',
      },
    ]);
    expect(result.rows).toEqual([]);
  });

  it('takes numeric cells as numbers, rounding away float noise before the checks', async () => {
    const result = await xlsx([
      HEADER,
      ['N1', 'Tên', 'Nhóm I', 'cái', 2.4999999999],
      ['N2', 'Tên', 'Nhóm I', 'cái', 0.1 + 0.2],
      ['N3', 'Tên', 'Nhóm I', 'cái', 1.23456],
      ['N4', 'Tên', 'Nhóm I', 'cái', -2],
      ['N5', 'Tên', 'Nhóm I', 'cái', 0],
      ['N6', 'Tên', 'Nhóm I', 'cái', 10000.5],
      ['N7', 'Tên', 'Nhóm I', 'cái', 10000],
      [101, 'Tên', 'Nhóm 1', 2024, 0.0001],
      ['N9', 'Tên', 'Nhóm I', 'cái', '2,5'],
      ['N10', 'Tên', 'Nhóm I', 'cái', true],
    ]);
    expect(result.errors).toEqual([
      { row: 4, column: FACTOR, message: 'must have at most 4 decimal places, got "1.23456"' },
      { row: 5, column: FACTOR, message: 'must be a positive number, got "-2"' },
      { row: 6, column: FACTOR, message: 'must be a positive number, got "0"' },
      { row: 7, column: FACTOR, message: 'must be at most 10000, got "10000.5"' },
      {
        row: 11,
        column: FACTOR,
        message:
          'must be a number written with digits and at most one decimal separator ("," or "."), without thousands separators, got "TRUE"',
      },
    ]);
    expect(result.rows).toEqual([
      row('N1', 'Tên', 'Nhóm I', 'cái', 2.5),
      row('N2', 'Tên', 'Nhóm I', 'cái', 0.3),
      row('N7', 'Tên', 'Nhóm I', 'cái', 10000),
      row('101', 'Tên', 'Nhóm 1', '2024', 0.0001),
      row('N9', 'Tên', 'Nhóm I', 'cái', 2.5),
    ]);
  });

  it('matches NFD and differently-cased headers and skips empty rows, keeping real row numbers', async () => {
    const result = await xlsx([
      [` ${CODE.toUpperCase()} `, NAME.normalize('NFD'), GROUP.normalize('NFD').toLowerCase(), UNIT, FACTOR],
      undefined,
      ['A1', 'Một', 'Nhóm I', 'cái', 1],
      ['   ', null, '', null, null],
      undefined,
      ['A2', 'Hai', 'Nhóm I', 'cái', 'hai'],
    ]);
    expect(result.rows).toEqual([row('A1', 'Một', 'Nhóm I', 'cái', 1)]);
    expect(result.errors).toEqual([
      {
        row: 6,
        column: FACTOR,
        message:
          'must be a number written with digits and at most one decimal separator ("," or "."), without thousands separators, got "hai"',
      },
    ]);
  });

  it('reports duplicate codes and several errors per row in XLSX as well', async () => {
    const result = await xlsx([HEADER, ['VB01', 'Một', 'Nhóm I', 'cái', 1], ['vb01', '', null, 'cái', 0]]);
    expect(result.errors).toEqual([
      { row: 3, column: CODE, message: 'duplicate code "vb01": already used on row 2 (codes are case-insensitive)' },
      { row: 3, column: NAME, message: 'is required' },
      { row: 3, column: GROUP, message: 'is required' },
      { row: 3, column: FACTOR, message: 'must be a positive number, got "0"' },
    ]);
  });

  it('reports a missing header in XLSX on row 1 and parses no rows', async () => {
    const result = await xlsx([[CODE, NAME, GROUP, FACTOR], ['VB01', 'Một', 'Nhóm I', 1]]);
    expect(result).toEqual({
      rows: [],
      errors: [{ row: 1, column: UNIT, message: 'the required column header "Đơn vị tính" is missing' }],
    });
  });

  it('returns one error, without throwing, for buffers that are not XLSX', async () => {
    const notXlsx = [
      [Buffer.from(`${HEADER_LINE}\r\nVB01,Một,Nhóm I,cái,1\r\n`), 'the file is not an Excel workbook (.xlsx)'],
      [Buffer.alloc(0), 'the file is not an Excel workbook (.xlsx)'],
      [
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]),
        'the file is an old Excel 97-2003 workbook (.xls); save it as an Excel Workbook (.xlsx) and try again',
      ],
    ] as const;
    for (const [buffer, message] of notXlsx) {
      await expect(parseCatalogue(buffer, 'xlsx')).resolves.toEqual({ rows: [], errors: [{ row: 0, column: '', message }] });
    }
    // A zip header followed by garbage, and a truncated real workbook.
    const template = (await catalogueTemplate('xlsx')).content;
    for (const buffer of [Buffer.from('PK\x03\x04 this is not a zip archive'), template.subarray(0, template.length / 2)]) {
      const result = await parseCatalogue(buffer, 'xlsx');
      expect(result.rows).toEqual([]);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({ row: 0, column: '' });
      expect(result.errors[0].message).toMatch(/^the file is not a readable Excel workbook \(\.xlsx\)/);
    }
  });
});

describe('parseCatalogue: limits', () => {
  const dataLines = (count: number): string[] =>
    Array.from({ length: count }, (_, i) => `C${i + 1},Sản phẩm ${i + 1},Nhóm I,cái,1`);

  it('accepts 5,000 data rows', async () => {
    const result = await csvLines(HEADER_LINE, ...dataLines(5000));
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(5000);
  });

  it('rejects more than 5,000 data rows with one error and no rows (empty rows do not count)', async () => {
    const lines = dataLines(5001);
    lines.splice(10, 0, '', ',,,,');
    const result = await csvLines(HEADER_LINE, ...lines);
    expect(result).toEqual({
      rows: [],
      errors: [
        {
          row: 5004, // header + 5,000 data rows + 2 empty rows, then the 5,001st data row
          column: '',
          message: 'the file has 5001 data rows; at most 5000 are allowed, split the catalogue into several files',
        },
      ],
    });
  });

  it('rejects more than 5,000 data rows in XLSX too', async () => {
    const rows = [HEADER, ...Array.from({ length: 5002 }, (_, i) => [`C${i}`, 'Tên', 'Nhóm I', 'cái', 1])];
    const result = await xlsx(rows);
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      {
        row: 5002,
        column: '',
        message: 'the file has 5002 data rows; at most 5000 are allowed, split the catalogue into several files',
      },
    ]);
  });

  it('rejects an XLSX whose entries declare a huge uncompressed size (zip bomb) without inflating it', async () => {
    // A one-entry zip (stored, no data) whose central directory declares 100 MB uncompressed.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(100 * 1024 * 1024, 24);
    central.writeUInt16LE(name.length, 28);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(central.length + name.length, 12);
    eocd.writeUInt32LE(local.length + name.length, 16);
    const bomb = Buffer.concat([local, name, central, name, eocd]);
    await expect(parseCatalogue(bomb, 'xlsx')).resolves.toEqual({
      rows: [],
      errors: [
        {
          row: 0,
          column: '',
          message: 'the workbook is too large when uncompressed (over 64 MB); keep only the catalogue sheet',
        },
      ],
    });
  });

  it('rejects input over 2 MB with one error, before parsing', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 1, 0x41);
    const expected = {
      rows: [],
      errors: [{ row: 0, column: '', message: 'the file is too large (2.0 MB); the limit is 2 MB' }],
    };
    await expect(parseCatalogue(big, 'csv')).resolves.toEqual(expected);
    await expect(parseCatalogue(big, 'xlsx')).resolves.toEqual(expected);
  });
});

describe('programming errors', () => {
  it('throws a TypeError for a non-buffer or an unknown format', async () => {
    await expect(parseCatalogue('text' as unknown as Buffer, 'csv')).rejects.toThrow(TypeError);
    await expect(parseCatalogue(Buffer.from(''), 'xls' as unknown as 'xlsx')).rejects.toThrow(TypeError);
    await expect(catalogueTemplate('ods' as unknown as 'csv')).rejects.toThrow(TypeError);
  });
});
