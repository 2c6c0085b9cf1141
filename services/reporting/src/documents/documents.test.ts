/**
 * The official documents as files: XLSX read back with exceljs, PDF text extracted with pdf.js.
 * Their speed is measured by `npm run bench:reporting`, not here.
 */
import * as ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { gradeLabels, type Grade } from '@cbccvc/rules';
import {
  announcementPdf,
  announcementXlsx,
  gradeColumns,
  hanoiTime,
  monthLabel,
  percent,
  summaryPdf,
  summaryXlsx,
  type AnnouncementDocument,
  type AnnouncementRow,
  type SummaryDocument,
  type SummaryRow,
} from './index';

// ---------------------------------------------------------------------------------------------
// Fixtures

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Thu', 'Minh', 'Quốc', 'Ngọc', 'Thanh', 'Xuân'];
const GIVEN = ['Hương', 'Việt', 'Dũng', 'Thảo', 'Hải', 'Phương', 'Tuấn', 'Ngọc', 'Hà', 'Đông', 'Trường', 'Yến', 'Khuê', 'Lộc', 'Nghĩa', 'Tú', 'Quỳnh'];
const GRADE_CYCLE: Grade[] = ['B', 'B', 'A', 'B', 'C', 'B', 'B', 'D', 'B', 'C'];

function personName(i: number): string {
  return `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 7) % MIDDLE.length]} ${GIVEN[(i * 5) % GIVEN.length]}`;
}

function staffRow(i: number): SummaryRow {
  const finalGrade = GRADE_CYCLE[i % GRADE_CYCLE.length]!;
  return {
    number: String(i + 1),
    fullName: personName(i),
    positionName: i % 3 === 0 ? 'Chuyên viên chính' : 'Chuyên viên',
    taskResult: `${60 + (i % 35)},${String((i * 37) % 100).padStart(2, '0')}`,
    selfGrade: i % 4 === 0 ? 'A' : finalGrade,
    finalGrade,
  };
}

const DATA_AS_OF = '2026-06-05T01:30:00Z'; // 08:30 in Hà Nội

function summaryDoc(staffCount: number): SummaryDocument {
  const staff = Array.from({ length: staffCount }, (_, i) => staffRow(i));
  return {
    agencyName: 'UBND PHƯỜNG HÀ ĐÔNG',
    unitName: 'Phòng Văn hóa - Xã hội',
    month: '2026-05',
    leaders: {
      heads: [
        { number: '1.1', fullName: 'Nguyễn Thị Hương', positionName: 'Trưởng phòng', taskResult: '92,17', selfGrade: 'A', finalGrade: null },
      ],
      deputies: [
        { number: '2.1', fullName: 'Đặng Quốc Việt', positionName: 'Phó Trưởng phòng', taskResult: '88,50', selfGrade: 'B', finalGrade: 'B' },
        { number: '2.2', fullName: 'Bùi Thị Thu Hà', positionName: 'Phó Trưởng phòng', taskResult: '93,00', selfGrade: 'A', finalGrade: 'A' },
      ],
    },
    staff,
    contract: [
      { number: '1', fullName: 'Lý Văn Lộc', positionName: 'Lái xe', taskResult: 'Hoàn thành đúng hạn', selfGrade: 'C', finalGrade: 'C' },
    ],
    rewardProposals: [
      { number: '1', fullName: 'Bùi Thị Thu Hà', positionName: 'Phó Trưởng phòng', taskResult: '93,00', selfGrade: 'A', finalGrade: 'A' },
    ],
    dataAsOf: DATA_AS_OF,
    place: 'Hà Đông',
  };
}

const announcementRows: AnnouncementRow[] = [
  { number: 1, fullName: 'Nguyễn Thị Hương', positionName: 'Trưởng phòng', unitName: 'Phòng Văn hóa - Xã hội', finalGrade: 'A' },
  { number: 2, fullName: 'Đặng Quốc Việt', positionName: 'Phó Trưởng phòng', unitName: 'Phòng Văn hóa - Xã hội', finalGrade: 'B' },
  { number: 3, fullName: 'Trần Văn Dũng', positionName: 'Chuyên viên', unitName: 'Phòng Kinh tế', finalGrade: 'B' },
  { number: 4, fullName: 'Phạm Thị Yến', positionName: 'Chuyên viên', unitName: 'Phòng Kinh tế', finalGrade: 'B' },
  { number: 5, fullName: 'Võ Minh Khuê', positionName: 'Cán sự', unitName: 'Phòng Kinh tế', finalGrade: 'C' },
  { number: 6, fullName: 'Lê Văn Nghĩa', positionName: 'Nhân viên', unitName: 'Phòng Kinh tế', finalGrade: 'D' },
];

/** The collective decision of the external authority (Ban Thường vụ Thành ủy) as recorded for it. */
const DECISION = { number: '125-QĐ/TU', date: '2026-05-27' };

/** Form 3A's rows: decided by the authority's collective decision, but the last, fixed by the month close. */
const cadreRows: AnnouncementRow[] = announcementRows.map((r) =>
  r.number === 6 ? { ...r, decisionNumber: null, decisionDate: null } : { ...r, decisionNumber: DECISION.number, decisionDate: DECISION.date },
);

/** The "Quyết định của cấp có thẩm quyền" cell as the form words it: the number, then the date as dd/mm/yyyy. */
function referenceText(number: string, isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `Số ${number} ngày ${day}/${month}/${year}`;
}

function announcement(kind: '2A' | '3A'): AnnouncementDocument {
  return {
    kind,
    issuerName: kind === '2A' ? 'UBND phường Hà Đông' : 'Ban Tổ chức Thành ủy',
    scopeName: kind === '2A' ? 'Phòng Văn hóa - Xã hội' : 'cán bộ diện Ban Thường vụ Thành ủy quản lý',
    month: '2026-05',
    rows: kind === '2A' ? announcementRows : cadreRows,
    dataAsOf: DATA_AS_OF,
    place: 'Hà Đông',
  };
}

// ---------------------------------------------------------------------------------------------
// Readers

async function readXlsx(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0]!;
}

const text = (ws: ExcelJS.Worksheet, address: string): string => ws.getCell(address).text;

/** Every row's cell texts, for searching. */
function rowsOf(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n] = [];
    for (let c = 1; c <= ws.columnCount; c++) rows[n]![c] = row.getCell(c).text;
  });
  return rows;
}

function findRow(ws: ExcelJS.Worksheet, column: number, value: string): number {
  const rows = rowsOf(ws);
  const n = rows.findIndex((r) => r !== undefined && r[column] === value);
  if (n < 0) throw new Error(`no row with ${JSON.stringify(value)} in column ${column}`);
  return n;
}

/**
 * The table rows of a 3A page's text by their number: from the line that starts with the number and
 * a tab to the next such line (or the totals), whitespace collapsed — a wrapped cell's lines included.
 */
function rowBlocks(page: string): Map<number, string> {
  const lines = page.split('\n');
  const start = lines.findIndex((l) => /^1\t/.test(l));
  const end = lines.findIndex((l) => l.startsWith('Tổng số:'));
  const blocks = new Map<number, string>();
  let number = 0;
  for (const line of lines.slice(start, end)) {
    const next = /^(\d+)\t/.exec(line);
    if (next) number = Number(next[1]);
    blocks.set(number, `${blocks.get(number) ?? ''} ${line}`.replace(/\s+/g, ' ').trim());
  }
  return blocks;
}

interface PdfText {
  pages: string[];
  all: string;
  numpages: number;
  /** Per page: its width and the x range its text spans, in points. */
  extents: { width: number; minX: number; maxX: number }[];
}

/** Text per page by the current pdf.js, in a child process (see pdf-text.mjs). */
async function readPdf(buf: Buffer): Promise<PdfText> {
  const out = await new Promise<string>((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, 'pdf-text.mjs')], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
    child.stdin!.end(buf);
  });
  const { numPages, pages, extents } = JSON.parse(out) as { numPages: number; pages: string[]; extents: PdfText['extents'] };
  return { pages, all: pages.join('\n'), numpages: numPages, extents };
}

// ---------------------------------------------------------------------------------------------

describe('grade columns', () => {
  it('are the four grades, best first, with the official labels and abbreviations', () => {
    expect(gradeColumns.map((g) => [g.grade, g.abbreviation, g.label])).toEqual([
      ['A', 'HTXSNV', 'Hoàn thành xuất sắc nhiệm vụ'],
      ['B', 'HTTNV', 'Hoàn thành tốt nhiệm vụ'],
      ['C', 'HTNV', 'Hoàn thành nhiệm vụ'],
      ['D', 'Không HTNV', 'Không hoàn thành nhiệm vụ'],
    ]);
    for (const g of gradeColumns) expect(g.label).toBe(gradeLabels[g.grade]);
  });
});

describe('formatting', () => {
  it('prints months, Hà Nội time and percentages the Vietnamese way', () => {
    expect(monthLabel('2026-05')).toBe('05/2026');
    expect(hanoiTime('2026-06-05T01:30:00Z')).toBe('08:30 ngày 05/06/2026 (giờ Hà Nội)');
    expect(hanoiTime('2026-05-31T17:00:00Z')).toBe('00:00 ngày 01/06/2026 (giờ Hà Nội)');
    expect(hanoiTime('2026-06-05T08:30:00+07:00')).toBe('08:30 ngày 05/06/2026 (giờ Hà Nội)');
    expect(percent(1, 3)).toBe('33,33');
    expect(percent(2, 3)).toBe('66,67');
    expect(percent(1, 8)).toBe('12,5');
    expect(percent(1, 4)).toBe('25');
    expect(percent(0, 0)).toBe('0');
  });

  it('rejects a bad month, instant or grade naming the field', async () => {
    await expect(summaryXlsx({ ...summaryDoc(1), month: '2026-13' })).rejects.toThrow(/^month/);
    await expect(summaryPdf({ ...summaryDoc(1), dataAsOf: '2026-06-05 08:30' })).rejects.toThrow(/^dataAsOf/);
    const bad = summaryDoc(1);
    (bad.staff[0] as { finalGrade: unknown }).finalGrade = 'E';
    await expect(summaryXlsx(bad)).rejects.toThrow(/^staff\[0\]\.finalGrade/);
    await expect(announcementPdf({ ...announcement('2A'), kind: '4A' as '2A' })).rejects.toThrow(/^kind/);
    const badDate = { ...announcement('3A'), rows: [{ ...cadreRows[0]!, decisionDate: '27/05/2026' }] };
    await expect(announcementXlsx(badDate)).rejects.toThrow(/^rows\[0\]\.decisionDate/);
    const badNumber = { ...announcement('3A'), rows: [{ ...cadreRows[0]!, decisionNumber: 125 as never }] };
    await expect(announcementPdf(badNumber)).rejects.toThrow(/^rows\[0\]\.decisionNumber/);
  });
});

describe('summary list 01A as XLSX', () => {
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    ws = await readXlsx(await summaryXlsx(summaryDoc(5)));
  });

  it('has the header block, the title and the month', () => {
    expect(ws.name).toBe('Tổng hợp tháng 05-2026');
    expect(ws.name).not.toMatch(/[\\/?*[\]:]/);
    expect(text(ws, 'G1')).toBe('Mẫu số 1A');
    expect(text(ws, 'A2')).toBe('UBND PHƯỜNG HÀ ĐÔNG');
    expect(text(ws, 'A3')).toBe('PHÒNG VĂN HÓA - XÃ HỘI');
    expect(ws.getCell('A3').font.bold).toBe(true);
    expect(text(ws, 'D2')).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text(ws, 'D3')).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(text(ws, 'A5')).toBe('DANH SÁCH TỔNG HỢP');
    expect(text(ws, 'A6')).toBe('KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CBCCVC, LAO ĐỘNG HỢP ĐỒNG');
    expect(text(ws, 'A7')).toBe('Tháng 05/2026');
    expect(ws.getCell('A5').font.bold).toBe(true);
  });

  it('has the table header with the grade columns merged under "Mức xếp loại" and the column numbers', () => {
    expect(['A9', 'B9', 'C9', 'D9', 'E9'].map((a) => text(ws, a))).toEqual([
      'STT',
      'Họ và tên',
      'Đánh giá kết quả thực hiện nhiệm vụ trong tháng',
      'Cá nhân tự xếp loại',
      'Mức xếp loại',
    ]);
    expect(['E10', 'F10', 'G10', 'H10'].map((a) => text(ws, a))).toEqual(['HTXSNV', 'HTTNV', 'HTNV', 'Không HTNV']);
    expect(['A11', 'B11', 'C11', 'D11', 'E11', 'F11', 'G11', 'H11'].map((a) => text(ws, a))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(['A9:A10', 'B9:B10', 'C9:C10', 'D9:D10', 'E9:H9', 'A5:H5', 'A6:H6', 'A7:H7', 'A2:C2', 'D2:H2']));
    expect(ws.getCell('H9').isMerged).toBe(true);
    expect(ws.getCell('H9').master.address).toBe('E9');
    expect(ws.getCell('A10').master.address).toBe('A9');
    expect(ws.getCell('E9').font.bold).toBe(true);
    expect(ws.getCell('E10').border.top?.style).toBe('thin');
  });

  it('lists the sections in order', () => {
    const labels = rowsOf(ws)
      .filter((r) => r !== undefined && r[1] !== '' && r[1] !== undefined && /^(I|II|III|IV|1|2)$/.test(r[1]!))
      .filter((r) => ['Lãnh đạo', 'Cấp trưởng', 'Cấp phó', 'Công chức, viên chức', 'Lao động hợp đồng', 'Đề xuất khen thưởng'].includes(r[2]!))
      .map((r) => `${r[1]} ${r[2]}`);
    expect(labels).toEqual(['I Lãnh đạo', '1 Cấp trưởng', '2 Cấp phó', 'II Công chức, viên chức', 'III Lao động hợp đồng', 'IV Đề xuất khen thưởng']);
    const section = findRow(ws, 2, 'Lãnh đạo');
    expect(section).toBe(12);
    expect(ws.getCell(`B${section}`).font.bold).toBe(true);
    expect(ws.getCell(`H${section}`).border.right?.style).toBe('thin');
  });

  it("leaves a head's grade cells 5–8 blank and marks an 'x' in the final grade's column", () => {
    const head = findRow(ws, 1, '1.1');
    expect(text(ws, `B${head}`)).toBe('Nguyễn Thị Hương (Trưởng phòng)');
    expect(text(ws, `C${head}`)).toBe('92,17');
    expect(text(ws, `D${head}`)).toBe('HTXSNV');
    expect(['E', 'F', 'G', 'H'].map((c) => text(ws, `${c}${head}`))).toEqual(['', '', '', '']);
    expect(ws.getCell(`G${head}`).border.bottom?.style).toBe('thin');

    const deputy = findRow(ws, 1, '2.1');
    expect(text(ws, `B${deputy}`)).toContain('Đặng Quốc Việt');
    expect(['E', 'F', 'G', 'H'].map((c) => text(ws, `${c}${deputy}`))).toEqual(['', 'x', '', '']);

    const staffStart = findRow(ws, 2, 'Công chức, viên chức');
    for (let i = 0; i < 5; i++) {
      const r = staffStart + 1 + i;
      const row = staffRow(i);
      expect(text(ws, `A${r}`)).toBe(String(i + 1));
      expect(text(ws, `B${r}`)).toBe(`${row.fullName} (${row.positionName})`);
      expect(text(ws, `D${r}`)).toBe(gradeColumns.find((g) => g.grade === row.selfGrade)!.abbreviation);
      const expected = gradeColumns.map((g) => (g.grade === row.finalGrade ? 'x' : ''));
      expect(['E', 'F', 'G', 'H'].map((c) => text(ws, `${c}${r}`))).toEqual(expected);
    }
    // Staff 3 (index 2) is graded A: the 'x' sits under HTXSNV.
    expect(text(ws, `E${staffStart + 3}`)).toBe('x');
    expect(text(ws, `D${staffStart + 3}`)).toBe('HTXSNV');

    const contract = findRow(ws, 2, 'Lao động hợp đồng');
    expect(text(ws, `B${contract + 1}`)).toContain('Lý Văn Lộc');
    expect(text(ws, `C${contract + 1}`)).toBe('Hoàn thành đúng hạn');
    expect(text(ws, `G${contract + 1}`)).toBe('x');
    const rewards = findRow(ws, 2, 'Đề xuất khen thưởng');
    expect(text(ws, `B${rewards + 1}`)).toContain('Bùi Thị Thu Hà');
    expect(text(ws, `E${rewards + 1}`)).toBe('x');
  });

  it('ends with the note, the data time, the date line and the signers', () => {
    const all = rowsOf(ws).flatMap((r) => r ?? []);
    expect(all).toContain('Lưu ý: Đối với cấp trưởng các phòng, ban, đơn vị trực thuộc để trống ô số 5,6,7,8.');
    expect(all).toContain('Số liệu tính đến 08:30 ngày 05/06/2026 (giờ Hà Nội).');
    expect(all).toContain('Hà Đông, ngày …… tháng …… năm ……');
    expect(all).toContain('NGƯỜI LẬP BIỂU');
    expect(all).toContain('LÃNH ĐẠO ĐƠN VỊ');
  });

  it('prints on A4 landscape with the table header repeated', () => {
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.printTitlesRow).toBe('9:11');
    expect(ws.getColumn(2).width).toBeGreaterThan(ws.getColumn(1).width!);
  });

  it('holds a 200-person unit', async () => {
    const big = await readXlsx(await summaryXlsx(summaryDoc(200)));
    const staffStart = findRow(big, 2, 'Công chức, viên chức');
    expect(text(big, `A${staffStart + 200}`)).toBe('200');
    expect(text(big, `B${staffStart + 200}`)).toBe(`${personName(199)} (Chuyên viên)`);
    expect(text(big, `B${staffStart + 201}`)).toBe('Lao động hợp đồng');
  });
});

describe('summary list 01A with notes', () => {
  // Decided by a deputy acting for the absent head (quyền): the note as the evaluation subgraph words it.
  const actingNote = (decider: string, actedFor: string) => `${decider} quyết định thay (quyền) ${actedFor}`;
  const deputyNote = actingNote('Đặng Quốc Việt', 'Nguyễn Thị Hương');
  const staffNote = actingNote('Bùi Thị Thu Hà', 'Nguyễn Thị Hương');
  const noted = (): SummaryDocument => {
    const doc = summaryDoc(5);
    const deputy = { ...doc.leaders.deputies[1]!, note: deputyNote };
    return {
      ...doc,
      leaders: { heads: doc.leaders.heads, deputies: [doc.leaders.deputies[0]!, deputy] },
      staff: doc.staff.map((row, i) => (i === 3 ? { ...row, note: staffNote } : { ...row, note: null })),
      rewardProposals: [{ ...doc.rewardProposals[0]!, note: deputyNote }],
    };
  };

  it('as XLSX: a ninth column "Ghi chú" says who decided for whom, on those rows only', async () => {
    const ws = await readXlsx(await summaryXlsx(noted()));
    expect(text(ws, 'I9')).toBe('Ghi chú');
    expect(ws.getCell('I10').master.address).toBe('I9');
    expect(text(ws, 'I11')).toBe('9');
    expect(ws.getCell('I9').font.bold).toBe(true);
    expect(text(ws, 'H1')).toBe('Mẫu số 1A');
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(['I9:I10', 'E9:H9', 'A5:I5', 'D2:I2']));
    const deputy = findRow(ws, 1, '2.2');
    expect(text(ws, `B${deputy}`)).toBe('Bùi Thị Thu Hà (Phó Trưởng phòng)');
    expect(text(ws, `E${deputy}`)).toBe('x');
    expect(text(ws, `I${deputy}`)).toBe(deputyNote);
    expect(deputyNote).toBe('Đặng Quốc Việt quyết định thay (quyền) Nguyễn Thị Hương');
    expect(ws.getCell(`I${deputy}`).border.right?.style).toBe('thin');
    expect(ws.getRow(deputy).height).toBeGreaterThan(18); // the note wraps: the row is as tall as it
    const staffStart = findRow(ws, 2, 'Công chức, viên chức');
    expect(text(ws, `I${staffStart + 4}`)).toBe(staffNote);
    for (const n of [1, 2, 3, 5]) expect(text(ws, `I${staffStart + n}`)).toBe('');
    expect(text(ws, `I${findRow(ws, 1, '1.1')}`)).toBe('');
    expect(text(ws, `I${findRow(ws, 1, '2.1')}`)).toBe('');
    // A reward proposal repeats its person's note; headings are bordered across the new column.
    const rewards = findRow(ws, 2, 'Đề xuất khen thưởng');
    expect(text(ws, `I${rewards + 1}`)).toBe(deputyNote);
    expect(ws.getCell(`I${rewards}`).border.right?.style).toBe('thin');
    expect(ws.pageSetup.printArea).toMatch(/^A1:I\d+$/);
    expect(rowsOf(ws).flatMap((r) => r ?? [])).toContain('LÃNH ĐẠO ĐƠN VỊ');
  });

  it('as XLSX without a note (or with a blank one): the official eight columns', async () => {
    const doc = summaryDoc(3);
    const ws = await readXlsx(await summaryXlsx({ ...doc, staff: doc.staff.map((row) => ({ ...row, note: '  ' })) }));
    expect(text(ws, 'I9')).toBe('');
    expect(text(ws, 'G1')).toBe('Mẫu số 1A');
    expect(ws.pageSetup.printArea).toMatch(/^A1:H\d+$/);
    const bad = summaryDoc(1);
    (bad.staff[0] as { note: unknown }).note = 3;
    await expect(summaryXlsx(bad)).rejects.toThrow(/^staff\[0\]\.note/);
  });

  it('as PDF: the "Ghi chú" column with the notes, within the landscape page', async () => {
    const t = await readPdf(await summaryPdf(noted()));
    expect(t.all).toContain('Ghi chú');
    expect(t.all).toMatch(/HTXSNV\tHTTNV\tHTNV\s+Không\s+HTNV/); // the grade headings narrower, 'Không HTNV' on two lines
    const flat = t.all.replace(/\s+/g, ' ');
    expect(flat).toContain(deputyNote);
    expect(flat).toContain(staffNote);
    expect(flat.split(deputyNote)).toHaveLength(3); // the deputy's line and their reward proposal
    const lines = t.all.split('\n');
    // A name with its position, its grades and marks stay on one line; the note wraps beside them.
    expect(lines.find((l) => l.startsWith('2.1\t'))).toBe('2.1\tĐặng Quốc Việt (Phó Trưởng phòng)\t88,50\tHTTNV\tx');
    expect(lines.find((l) => l.startsWith('2.2\t'))).toMatch(/^2\.2\tBùi Thị Thu Hà \(Phó Trưởng phòng\)\t93,00\tHTXSNV\tx/);
    t.extents.forEach((page) => {
      expect(page.width).toBeCloseTo(841.89, 1);
      expect(page.minX).toBeGreaterThanOrEqual(62);
      expect(page.maxX).toBeLessThanOrEqual(841.89 - 42 + 0.01);
    });
    expect(t.all).toContain('LÃNH ĐẠO ĐƠN VỊ');
    // Without notes, no such column.
    expect((await readPdf(await summaryPdf(summaryDoc(5)))).all).not.toContain('Ghi chú');
  });
});

describe('empty documents', () => {
  it('print every section heading and zero totals', async () => {
    const empty: SummaryDocument = { ...summaryDoc(0), leaders: { heads: [], deputies: [] }, contract: [], rewardProposals: [] };
    delete empty.place;
    const ws = await readXlsx(await summaryXlsx(empty));
    expect(findRow(ws, 2, 'Đề xuất khen thưởng')).toBe(findRow(ws, 2, 'Lãnh đạo') + 5);
    const pdfText = await readPdf(await summaryPdf(empty));
    expect(pdfText.numpages).toBe(1);
    expect(pdfText.all).toContain('IV\tĐề xuất khen thưởng');
    expect(pdfText.all).toContain('……………, ngày …… tháng …… năm ……');
    const none = await readPdf(await announcementPdf({ ...announcement('2A'), rows: [] }));
    expect(none.all).toContain('Tổng số: 0 người, trong đó:');
    expect(none.all).toContain('- Hoàn thành xuất sắc nhiệm vụ: 0 người (0%)');
  });
});

describe('summary list 01A as PDF', () => {
  let small: PdfText;
  let big: PdfText;
  beforeAll(async () => {
    small = await readPdf(await summaryPdf(summaryDoc(5)));
    big = await readPdf(await summaryPdf(summaryDoc(200)));
  });

  it('is an A4 landscape document with the Vietnamese title, headers and names', async () => {
    const buf = await summaryPdf(summaryDoc(5));
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(buf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    expect(buf.toString('latin1')).toMatch(/\/FontFile2/); // embedded TrueType
    // Landscape A4 holds the header and about 15 lines on the first page; the signatures then
    // move to the second page with the last line.
    expect(small.numpages).toBe(2);
    expect(small.pages[1]).toContain('Họ và tên');
    expect(small.pages[1]).toContain('Bùi Thị Thu Hà (Phó Trưởng phòng)');
    // A section heading never ends a page: IV moves with its line.
    expect(small.pages[1]).toContain('IV\tĐề xuất khen thưởng');
    expect(small.pages[0]).not.toContain('Đề xuất khen thưởng');
    expect(small.all).toContain('Hà Đông, ngày …… tháng …… năm ……');
    const t = small.all;
    for (const s of [
      'Mẫu số 1A',
      'UBND PHƯỜNG HÀ ĐÔNG',
      'PHÒNG VĂN HÓA - XÃ HỘI',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'DANH SÁCH TỔNG HỢP',
      'KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CBCCVC, LAO ĐỘNG HỢP ĐỒNG',
      'Tháng 05/2026',
      'Họ và tên',
      'Mức xếp loại',
      'HTXSNV',
      'Không HTNV',
      'Lãnh đạo',
      'Cấp trưởng',
      'Cấp phó',
      'Công chức, viên chức',
      'Lao động hợp đồng',
      'Đề xuất khen thưởng',
      'Nguyễn Thị Hương',
      'Đặng Quốc Việt',
      'Bùi Thị Thu Hà',
      'Phó Trưởng phòng',
      'Lưu ý: Đối với cấp trưởng',
      'Số liệu tính đến 08:30 ngày 05/06/2026 (giờ Hà Nội).',
      'NGƯỜI LẬP BIỂU',
      'LÃNH ĐẠO ĐƠN VỊ',
      'Trang 1/2',
      'Trang 2/2',
    ])
      expect(t).toContain(s);
  });

  it("leaves the head's grade cells blank and marks the others", () => {
    const lines = small.all.split('\n');
    // The head's line: number, task result and self grade, no 'x'.
    const head = lines.find((l) => l.startsWith('1.1\t'));
    expect(head).toBe('1.1\tNguyễn Thị Hương (Trưởng phòng)\t92,17\tHTXSNV');
    const deputy = lines.find((l) => l.startsWith('2.1\t'));
    expect(deputy).toBe('2.1\tĐặng Quốc Việt (Phó Trưởng phòng)\t88,50\tHTTNV\tx');
    const contract = lines.find((l) => l.startsWith('1\tLý Văn Lộc'));
    expect(contract).toBe('1\tLý Văn Lộc (Lái xe)\tHoàn thành đúng hạn\tHTNV\tx');
  });

  it('breaks a 200-person list over pages, repeating the table header and numbering the pages', () => {
    expect(big.numpages).toBeGreaterThan(1);
    expect(big.pages).toHaveLength(big.numpages);
    big.pages.forEach((page, i) => {
      expect(page).toContain('Họ và tên');
      expect(page).toContain('Mức xếp loại');
      expect(page).toContain('HTTNV');
      expect(page).toContain(`Trang ${i + 1}/${big.numpages}`);
    });
    expect(big.pages[0]).toContain('DANH SÁCH TỔNG HỢP');
    expect(big.pages[1]).not.toContain('DANH SÁCH TỔNG HỢP');
    const last = big.pages[big.numpages - 1]!;
    expect(last).toContain('LÃNH ĐẠO ĐƠN VỊ');
    for (const i of [0, 57, 123, 199]) expect(big.all).toContain(personName(i));
    expect(big.all).toMatch(/\n200\t/);
  });
});

describe('announcements 2A and 3A', () => {
  it('2A as XLSX: header, title, table with full grade labels, totals', async () => {
    const ws = await readXlsx(await announcementXlsx(announcement('2A')));
    expect(ws.name).toBe('Thông báo 2A tháng 05-2026');
    expect(ws.pageSetup.orientation).toBe('portrait');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(text(ws, 'A2')).toBe('UBND PHƯỜNG HÀ ĐÔNG');
    expect(text(ws, 'C2')).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text(ws, 'C3')).toBe('Độc lập - Tự do - Hạnh phúc');
    const all = rowsOf(ws).flatMap((r) => r ?? []);
    expect(all).toContain('THÔNG BÁO');
    expect(all).toContain('Kết quả đánh giá, xếp loại cán bộ, công chức, viên chức và người lao động tháng 05/2026');
    expect(all).toContain('Đơn vị: Phòng Văn hóa - Xã hội');
    const header = findRow(ws, 1, 'STT');
    expect([1, 2, 3, 4].map((c) => ws.getRow(header).getCell(c).text)).toEqual(['STT', 'Họ và tên', 'Chức vụ', 'Xếp loại']);
    expect(ws.getRow(header).getCell(5).text).toBe('');
    expect(ws.pageSetup.printTitlesRow).toBe(`${header}:${header}`);
    expect([1, 2, 3, 4].map((c) => ws.getRow(header + 1).getCell(c).text)).toEqual(['1', 'Nguyễn Thị Hương', 'Trưởng phòng', 'Hoàn thành xuất sắc nhiệm vụ']);
    expect(ws.getRow(header + 6).getCell(4).text).toBe('Không hoàn thành nhiệm vụ');
    expect(ws.getRow(header + 6).getCell(4).border.left?.style).toBe('thin');
    expect(all).toContain('Tổng số: 6 người, trong đó:');
    expect(all).toContain('- Hoàn thành xuất sắc nhiệm vụ: 1 người (16,67%)');
    expect(all).toContain('- Hoàn thành tốt nhiệm vụ: 3 người (50%)');
    expect(all).toContain('- Hoàn thành nhiệm vụ: 1 người (16,67%)');
    expect(all).toContain('- Không hoàn thành nhiệm vụ: 1 người (16,67%)');
    expect(all).toContain('Số liệu tính đến 08:30 ngày 05/06/2026 (giờ Hà Nội).');
    // A collective decision is 3A's: 2A keeps its four columns whatever its rows carry.
    const withReference = await readXlsx(await announcementXlsx({ ...announcement('2A'), rows: cadreRows }));
    expect(withReference.getRow(findRow(withReference, 1, 'STT')).getCell(5).text).toBe('');
    expect(rowsOf(withReference).flatMap((r) => r ?? []).some((t) => t.includes(DECISION.number))).toBe(false);
  });

  it('3A as XLSX has the unit column, the collective decision of the authority and names the scope in the title', async () => {
    const ws = await readXlsx(await announcementXlsx(announcement('3A')));
    expect(text(ws, 'E1')).toBe('Mẫu số 3A');
    expect(ws.pageSetup.orientation).toBe('portrait');
    expect(ws.pageSetup.fitToWidth).toBe(1);
    const all = rowsOf(ws).flatMap((r) => r ?? []);
    expect(all).toContain('Kết quả đánh giá, xếp loại của các đồng chí cán bộ diện Ban Thường vụ Thành ủy quản lý tháng 05/2026');
    const header = findRow(ws, 1, 'STT');
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(header).getCell(c).text)).toEqual([
      'STT',
      'Họ và tên',
      'Chức vụ',
      'Đơn vị',
      'Xếp loại',
      'Quyết định của cấp có thẩm quyền',
    ]);
    expect(ws.getRow(header).getCell(7).text).toBe('');
    expect(ws.getRow(header + 3).getCell(4).text).toBe('Phòng Kinh tế');
    expect(ws.getRow(header + 3).getCell(5).text).toBe('Hoàn thành tốt nhiệm vụ');
    const reference = referenceText(DECISION.number, DECISION.date);
    expect(reference).toBe('Số 125-QĐ/TU ngày 27/05/2026');
    for (const n of [1, 2, 3, 4, 5]) expect(ws.getRow(header + n).getCell(6).text).toBe(reference);
    // Decided by the month close: no collective decision recorded, the cell is blank but bordered.
    expect(ws.getRow(header + 6).getCell(2).text).toBe('Lê Văn Nghĩa');
    expect(ws.getRow(header + 6).getCell(6).text).toBe('');
    expect(ws.getRow(header + 6).getCell(6).border.right?.style).toBe('thin');
    // The number never splits: its column holds 'Số 125-QĐ/TU'; the reference wraps, its row grows.
    expect(ws.getColumn(6).width).toBeGreaterThanOrEqual(`Số ${DECISION.number}`.length);
    expect(ws.getRow(header + 3).height).toBeGreaterThan(18);
    // Another number and date, and only a number: what was recorded is printed.
    const other = await readXlsx(
      await announcementXlsx({
        ...announcement('3A'),
        rows: [
          { ...cadreRows[0]!, decisionNumber: '7-NQ/TU', decisionDate: '2026-01-09' },
          { ...cadreRows[1]!, decisionNumber: ' 8-QĐ/TU ', decisionDate: null },
        ],
      }),
    );
    const otherHeader = findRow(other, 1, 'STT');
    expect(other.getRow(otherHeader + 1).getCell(6).text).toBe(referenceText('7-NQ/TU', '2026-01-09'));
    expect(other.getRow(otherHeader + 2).getCell(6).text).toBe('Số 8-QĐ/TU');
  });

  it('2A and 3A as PDF: title, rows with full labels, totals, page number', async () => {
    const two = await readPdf(await announcementPdf(announcement('2A')));
    const buf = await announcementPdf(announcement('3A'));
    expect(buf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const three = await readPdf(buf);
    for (const t of [two.all, three.all]) {
      for (const s of [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'THÔNG BÁO',
        'Nguyễn Thị Hương',
        'Đặng Quốc Việt',
        'Võ Minh Khuê',
        'Tổng số: 6 người, trong đó:',
        '- Hoàn thành xuất sắc nhiệm vụ: 1 người (16,67%)',
        '- Hoàn thành tốt nhiệm vụ: 3 người (50%)',
        '- Hoàn thành nhiệm vụ: 1 người (16,67%)',
        '- Không hoàn thành nhiệm vụ: 1 người (16,67%)',
        'Trang 1/1',
      ])
        expect(t).toContain(s);
    }
    expect(two.all).toContain('Hà Đông, ngày …… tháng …… năm ……');
    expect(two.all).toContain('Mẫu số 2A');
    expect(two.all).toContain('UBND PHƯỜNG HÀ ĐÔNG');
    expect(two.all).toContain('Kết quả đánh giá, xếp loại cán bộ, công chức, viên chức và người lao động tháng 05/2026');
    expect(two.all).toContain('1\tNguyễn Thị Hương\tTrưởng phòng\tHoàn thành xuất sắc nhiệm vụ');
    expect(two.all).toContain('6\tLê Văn Nghĩa\tNhân viên\tKhông hoàn thành nhiệm vụ');
    expect(three.all).toContain('Mẫu số 3A');
    expect(three.all).toContain('BAN TỔ CHỨC THÀNH ỦY');
    expect(three.all).toContain('Đơn vị');
    expect(three.all).toContain('STT\tHọ và tên\tChức vụ\tĐơn vị\tXếp loại');
    expect(three.all.replace(/\s+/g, ' ')).toContain('Xếp loại Quyết định của cấp có thẩm quyền');
    // Each row's cells in order, the wrapped ones included: the reference last, blank for the month close's.
    const reference = referenceText(DECISION.number, DECISION.date);
    const rowsText = rowBlocks(three.pages[0]!);
    expect(rowsText.get(3)).toBe(`3 Trần Văn Dũng Chuyên viên Phòng Kinh tế Hoàn thành tốt nhiệm vụ ${reference}`);
    expect(rowsText.get(1)).toBe(`1 Nguyễn Thị Hương Trưởng phòng Phòng Văn hóa - Xã hội Hoàn thành xuất sắc nhiệm vụ ${reference}`);
    expect(rowsText.get(6)).toBe('6 Lê Văn Nghĩa Nhân viên Phòng Kinh tế Không hoàn thành nhiệm vụ');
    // 2A does not print it.
    expect(two.all).not.toContain(DECISION.number);
    expect(two.all).toContain('STT\tHọ và tên\tChức vụ\tXếp loại\n');
  });

  it('3A as PDF stays within the portrait page, long texts wrapping in their cells', async () => {
    const long: AnnouncementRow[] = Array.from({ length: 40 }, (_, i) => ({
      number: i + 1,
      fullName: `${personName(i)} ${GIVEN[(i * 3) % GIVEN.length]}`,
      positionName: 'Phó Bí thư Thường trực Đảng ủy phường',
      unitName: `Đảng ủy phường ${['Hà Đông', 'Dương Nội', 'Kiến Hưng', 'Phú Lương', 'Yên Nghĩa'][i % 5]}`,
      finalGrade: GRADE_CYCLE[i % GRADE_CYCLE.length]!,
      decisionNumber: `${1000 + i}-QĐ/TU`,
      decisionDate: `2026-05-${String(20 + (i % 8)).padStart(2, '0')}`,
    }));
    const buf = await announcementPdf({ ...announcement('3A'), rows: long });
    const t = await readPdf(buf);
    expect(t.numpages).toBeGreaterThan(1);
    // A4 portrait, 62 pt left and 42 pt right margins (pdf-common): every text within them (the form
    // number is right-aligned on the right margin itself; a hundredth of a point for the rounding).
    t.extents.forEach((page) => {
      expect(page.width).toBeCloseTo(595.28, 1);
      expect(page.minX).toBeGreaterThanOrEqual(62);
      expect(page.maxX).toBeLessThanOrEqual(595.28 - 42 + 0.01);
    });
    t.pages.forEach((page) => expect(page.replace(/\s+/g, ' ')).toContain('Quyết định của cấp có thẩm quyền'));
    const flat = t.all.replace(/\s+/g, ' ');
    for (const i of [0, 17, 39]) expect(flat).toContain(referenceText(long[i]!.decisionNumber!, long[i]!.decisionDate!));
  });

  it('keeps every glyph readable when documents share the parsed fonts', async () => {
    // Regression: a list with 'hợp đồng' in bold made later documents map the bold 'ơ' to no text.
    await summaryPdf(summaryDoc(3));
    const first = await readPdf(await announcementPdf(announcement('3A')));
    await summaryPdf(summaryDoc(3));
    const second = await readPdf(await announcementPdf(announcement('3A')));
    for (const t of [first, second]) expect(t.all).toContain('STT\tHọ và tên\tChức vụ\tĐơn vị\tXếp loại');
    expect(second.all).toBe(first.all);
  });

  // Why the quota graded an A-band score B, as the evaluation subgraph words it.
  const explanation = 'Điểm 91,17 đạt mức A, nhưng nhóm Phòng Văn hóa - Xã hội được tối đa 1 người loại A và đã có 1 người được xếp loại A: xếp loại B theo tỷ lệ.';
  const noted = (): AnnouncementDocument => ({
    ...announcement('2A'),
    rows: announcementRows.map((r) => (r.number === 2 ? { ...r, quotaExplanation: explanation } : { ...r, quotaExplanation: null })),
  });

  it('2A with a person graded B by the quota: a "Ghi chú" column says why on their row only', async () => {
    const ws = await readXlsx(await announcementXlsx(noted()));
    const header = findRow(ws, 1, 'STT');
    expect([1, 2, 3, 4, 5].map((c) => ws.getRow(header).getCell(c).text)).toEqual(['STT', 'Họ và tên', 'Chức vụ', 'Xếp loại', 'Ghi chú']);
    expect([1, 2, 4, 5].map((c) => ws.getRow(header + 2).getCell(c).text)).toEqual(['2', 'Đặng Quốc Việt', 'Hoàn thành tốt nhiệm vụ', explanation]);
    expect(ws.getRow(header + 2).getCell(5).border.right?.style).toBe('thin');
    expect(ws.getRow(header + 2).height).toBeGreaterThan(18); // the note wraps: the row is as tall as it
    for (const n of [1, 3, 4, 5, 6]) expect(ws.getRow(header + n).getCell(5).text).toBe('');
    expect(text(ws, 'D1')).toBe('Mẫu số 2A');
    expect(rowsOf(ws).flatMap((r) => r ?? [])).toContain('- Hoàn thành tốt nhiệm vụ: 3 người (50%)');

    const t = await readPdf(await announcementPdf(noted()));
    expect(t.all).toContain('STT\tHọ và tên\tChức vụ\tXếp loại\tGhi chú');
    expect(t.all.replace(/\s+/g, ' ')).toContain(explanation);
    expect(t.all).toContain('Trang 1/1');
    // Without a note (or with a blank one) the official four columns.
    const plain = await readXlsx(await announcementXlsx({ ...announcement('2A'), rows: announcementRows.map((r) => ({ ...r, quotaExplanation: ' ' })) }));
    expect(plain.getRow(findRow(plain, 1, 'STT')).getCell(5).text).toBe('');
    await expect(announcementXlsx({ ...announcement('2A'), rows: [{ ...announcementRows[0]!, quotaExplanation: 3 as never }] })).rejects.toThrow(/^rows\[0\]\.quotaExplanation/);
  });

  it('a long announcement repeats its header on every page', async () => {
    const rows = Array.from({ length: 120 }, (_, i): AnnouncementRow => ({
      number: i + 1,
      fullName: personName(i),
      positionName: 'Chuyên viên',
      finalGrade: GRADE_CYCLE[i % GRADE_CYCLE.length]!,
    }));
    const t = await readPdf(await announcementPdf({ ...announcement('2A'), rows }));
    expect(t.numpages).toBeGreaterThan(1);
    t.pages.forEach((page, i) => {
      expect(page).toContain('STT\tHọ và tên\tChức vụ\tXếp loại');
      expect(page).toContain(`Trang ${i + 1}/${t.numpages}`);
    });
    // 120 rows cycling B B A B C B B D B C: 12 A, 72 B, 24 C, 12 D.
    expect(t.all).toContain('- Hoàn thành xuất sắc nhiệm vụ: 12 người (10%)');
    expect(t.all).toContain('- Hoàn thành tốt nhiệm vụ: 72 người (60%)');
    expect(t.all).toContain('- Hoàn thành nhiệm vụ: 24 người (20%)');
    expect(t.all).toContain('- Không hoàn thành nhiệm vụ: 12 người (10%)');
  });
});
