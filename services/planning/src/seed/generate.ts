/**
 * Pure, deterministic seed-data generator for the planning subgraph (document 003, part III).
 *
 * Input: the organization seed (`generateSeed` of @cbccvc/organization). Output: one chunk per WARD
 * jurisdiction and month with the rows of the planning tables for that month: every unit's catalogue
 * of work products (one version, in the chunk of the ward's last month), the unit plan and every
 * person's plan, about 20 tasks per person (catalogue items and ad hoc tasks, some of them directed
 * by the unit's leaders, some arising after approval), quality reviews, delays with excuses, and the
 * organising/unity factors of every head and deputy.
 *
 * A history (`months` > 1) ends at `month`. The catalogue is generated once per ward, effective from
 * January of the first month's year (so it is in force for every month), and the plans of every
 * month draw from it. A past month is over: every plan in it is approved.
 *
 * No I/O, no clock, no Math.random: every value comes from a seeded xoshiro128** generator. The last
 * month's stream is (seed, ward index) whatever the history's length, so the last month of a history
 * equals the single-month output (and the first ward of the 'city' scale equals the ward of the
 * 'ward' scale); each past month has its own stream (seed, ward index, month), and its ids are
 * time-ordered (UUID version 7, stamped inside the month, one range per ward) rather than random, so
 * they differ from every other month's and a bulk load of many months appends to the indexes. Chunks are independent of each other and yielded lazily, ward by ward:
 * the last month first (it carries the catalogue), then the past months in calendar order; only one
 * chunk's rows and one ward's catalogue are ever held in memory.
 *
 * Dates are local (Asia/Ho_Chi_Minh) calendar days of the month; timestamps are written with the
 * +07:00 offset between 07:00 and 18:00, so they fall inside the month in every time zone reading.
 * `weekStart` is the Monday of the task's week and can therefore precede the first day of the month;
 * a catalogue version's `createdAt` lies in its effective month (January). Reviews, delays and their
 * excuses are recorded by the account 'seed'; tasks are assigned on working days up to three days
 * before the month's end, so a late task is always recorded late inside the month.
 */
import type { SeedData } from '@cbccvc/organization';

type OrgUnit = SeedData['units'][number];
type OrgPerson = SeedData['people'][number];

export interface SeedCatalogueVersion {
  id: string;
  unitId: string;
  /** 'YYYY-MM' */
  effectiveFrom: string;
  standardUnit: string;
  createdBy: string;
  /** ISO */
  createdAt: string;
}
export interface SeedCatalogueItem {
  id: string;
  versionId: string;
  code: string;
  name: string;
  complexityGroup: string;
  unitOfMeasure: string;
  /** > 0, at most 4 decimals */
  factor: number;
}
export interface SeedPlan {
  id: string;
  unitId: string;
  /** null = the unit's plan */
  personId: string | null;
  month: string;
  status: 'APPROVED' | 'SUBMITTED' | 'DRAFT';
  note: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}
export interface SeedTask {
  id: string;
  planId: string;
  unitId: string;
  personId: string;
  month: string;
  catalogueItemId: string | null;
  title: string;
  quantity: number;
  factor: number;
  size: number;
  arising: boolean;
  directedBy: string | null;
  /** a Monday 'YYYY-MM-DD' */
  weekStart: string | null;
  assignedOn: string;
  dueOn: string | null;
  completedOn: string | null;
  evidence: string | null;
  evidenceNote: string | null;
  createdBy: string;
}
export interface SeedReview {
  id: string;
  taskId: string;
  /** The task's month (the month close counts one month's failures). */
  month: string;
  passed: boolean;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
  excused: boolean;
  excuseReason: string | null;
  excusedBy: string | null;
  excusedAt: string | null;
}
export interface SeedDelay {
  id: string;
  taskId: string;
  month: string;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
  excused: boolean;
  excuseReason: string | null;
  excusedBy: string | null;
  excusedAt: string | null;
}
export interface SeedLeaderFactors {
  personId: string;
  month: string;
  organisation: 1 | 0.5;
  unity: 1 | 0.5;
  reason: string;
  setBy: string;
  setAt: string;
}
export interface PlanningSeedChunk {
  jurisdictionId: string;
  /** 'YYYY-MM': the month of the plans, tasks and factors */
  month: string;
  /** Only in the chunk of a ward's last month: a past month's tasks use that catalogue. */
  catalogueVersions: SeedCatalogueVersion[];
  catalogueItems: SeedCatalogueItem[];
  plans: SeedPlan[];
  tasks: SeedTask[];
  reviews: SeedReview[];
  delays: SeedDelay[];
  leaderFactors: SeedLeaderFactors[];
}

// ---------------------------------------------------------------------------------------------
// Tunables (the realistic spread the tests check)
// ---------------------------------------------------------------------------------------------

const DEFAULT_SEED = 20260521;
const STREAM_WARD_BASE = 7000;
/** Past months: STREAM_HISTORY_BASE + month serial × 256 + ward index (wards < 256, serial < 120,000). */
const STREAM_HISTORY_BASE = 100_000_000;
const HISTORY_WARDS = 256;
/** The longest history `generatePlanningSeed` produces. */
export const MAX_HISTORY_MONTHS = 24;
const ACTOR = 'seed';

const MIN_TASKS = 15;
const MAX_TASKS = 25;
const AVERAGE_TASKS = (MIN_TASKS + MAX_TASKS) / 2;
const P_AD_HOC = 0.12;
const P_ARISING = 0.05;
const P_DIRECTED = 0.3;
const P_COMPLETED = 0.9;
const P_NO_DUE = 0.1;
const P_FAIL_ONCE = 0.05;
const P_FAIL_TWICE = 0.01;
const P_FAILURE_EXCUSED = 0.2;
const P_DELAY_ONCE = 0.07;
const P_DELAY_TWICE = 0.01;
const P_DELAY_EXCUSED = 0.25;
const P_PLAN_APPROVED = 0.95;
const P_PLAN_SUBMITTED = 0.03;
const P_ORGANISATION_FULL = 0.9;
const P_UNITY_FULL = 0.95;

// ---------------------------------------------------------------------------------------------
// PRNG: xoshiro128** seeded through a 32-bit hash (same construction as the organization seed)
// ---------------------------------------------------------------------------------------------

function hash32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Char codes of the two hex digits of every byte, and of '-'. */
const HI = new Uint8Array(256);
const LO = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  const h = i.toString(16).padStart(2, '0');
  HI[i] = h.charCodeAt(0);
  LO[i] = h.charCodeAt(1);
}
const DASH = 45;

class Rng {
  /** a, b, c, d; an Int32Array keeps the state unboxed (object fields flip between Smi and double). */
  private readonly s = new Int32Array(4);

  constructor(seed: number, stream: number) {
    const s = hash32((Math.trunc(seed) >>> 0) ^ 0x9e3779b9);
    const hi = hash32(Math.floor(Math.abs(seed) / 4294967296) + 0x85ebca6b);
    const a = hash32(s ^ hash32(stream + 0x632be5ab));
    const b = hash32(a + 0x9e3779b9 + hi);
    const c = hash32(b + 0x9e3779b9);
    this.s[0] = a;
    this.s[1] = b;
    this.s[2] = c;
    this.s[3] = hash32(c + 0x9e3779b9) | 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Next uint32. */
  next(): number {
    const s = this.s;
    let a = s[0];
    let b = s[1];
    let c = s[2];
    let d = s[3];
    // rotl(b * 5, 7) * 9 with shifts: Math.imul is ~50× slower inside jest's vm context.
    const x = ((b << 2) + b) | 0;
    const y = (x << 7) | (x >>> 25);
    const r = ((y << 3) + y) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    return r;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /**
   * Integer in [0, n) for 0 < n < 2^31. (`| 0` instead of Math.floor: calls to Math builtins are
   * not inlined inside jest's vm context and cost ~50× more there.)
   */
  below(n: number): number {
    return ((this.next() / 4294967296) * n) | 0;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }

  /** Milliseconds of the next time-ordered id; < 0: ids are random (version 4). */
  private clock = -1;

  /** From now on `uuid()` returns time-ordered ids (version 7) from `startMs` on, 1 ms apart. */
  timeOrdered(startMs: number): this {
    this.clock = startMs;
    return this;
  }

  /**
   * A lower-case RFC 4122 version-4 UUID, built as one flat string (concatenating 16 pieces would
   * leave a tree of cons strings per id: at 10 million ids that garbage dominates the run time) —
   * or, after `timeOrdered`, an RFC 9562 version-7 UUID, whose ids follow each other in an index.
   */
  uuid(): string {
    if (this.clock >= 0) return this.uuid7();
    const a = this.next();
    const b = this.next();
    const c = this.next();
    const d = this.next();
    const a0 = a >>> 24, a1 = (a >>> 16) & 255, a2 = (a >>> 8) & 255, a3 = a & 255;
    const b0 = b >>> 24, b1 = (b >>> 16) & 255, b2 = 0x40 | ((b >>> 8) & 15), b3 = b & 255;
    const c0 = 0x80 | ((c >>> 24) & 63), c1 = (c >>> 16) & 255, c2 = (c >>> 8) & 255, c3 = c & 255;
    const d0 = d >>> 24, d1 = (d >>> 16) & 255, d2 = (d >>> 8) & 255, d3 = d & 255;
    return String.fromCharCode(
      HI[a0], LO[a0], HI[a1], LO[a1], HI[a2], LO[a2], HI[a3], LO[a3], DASH,
      HI[b0], LO[b0], HI[b1], LO[b1], DASH, HI[b2], LO[b2], HI[b3], LO[b3], DASH,
      HI[c0], LO[c0], HI[c1], LO[c1], DASH, HI[c2], LO[c2], HI[c3], LO[c3],
      HI[d0], LO[d0], HI[d1], LO[d1], HI[d2], LO[d2], HI[d3], LO[d3],
    );
  }

  /** 48-bit Unix milliseconds, version 7, 74 random bits. */
  private uuid7(): string {
    const ms = this.clock++;
    const high = (ms / 65536) >>> 0; // the first 32 of the 48 bits
    const low = ms - high * 65536;
    const b = this.next();
    const c = this.next();
    const d = this.next();
    const a0 = high >>> 24, a1 = (high >>> 16) & 255, a2 = (high >>> 8) & 255, a3 = high & 255;
    const b0 = low >>> 8, b1 = low & 255, b2 = 0x70 | ((b >>> 8) & 15), b3 = b & 255;
    const c0 = 0x80 | ((c >>> 24) & 63), c1 = (c >>> 16) & 255, c2 = (c >>> 8) & 255, c3 = c & 255;
    const d0 = d >>> 24, d1 = (d >>> 16) & 255, d2 = (d >>> 8) & 255, d3 = d & 255;
    return String.fromCharCode(
      HI[a0], LO[a0], HI[a1], LO[a1], HI[a2], LO[a2], HI[a3], LO[a3], DASH,
      HI[b0], LO[b0], HI[b1], LO[b1], DASH, HI[b2], LO[b2], HI[b3], LO[b3], DASH,
      HI[c0], LO[c0], HI[c1], LO[c1], DASH, HI[c2], LO[c2], HI[c3], LO[c3],
      HI[d0], LO[d0], HI[d1], LO[d1], HI[d2], LO[d2], HI[d3], LO[d3],
    );
  }
}

/** Math.min / Math.max without the builtin call (see Rng.below). */
const min = (a: number, b: number): number => (a < b ? a : b);
const max = (a: number, b: number): number => (a > b ? a : b);
const round2 = (x: number): number => Math.round(x * 100) / 100;
const round4 = (x: number): number => Math.round(x * 10000) / 10000;

// ---------------------------------------------------------------------------------------------
// Catalogues of work products (danh mục sản phẩm/công việc) by kind of unit
// ---------------------------------------------------------------------------------------------

type Category = 'office' | 'party' | 'council' | 'school';
type Group = 1 | 2 | 3;

/** [name, unit of measure, complexity group, nominal factor in standard units] */
type ItemTemplate = readonly [string, string, Group, number];

const GROUP_NAME: Record<Group, string> = { 1: 'Nhóm I', 2: 'Nhóm II', 3: 'Nhóm III' };
const GROUP_RANGE: Record<Group, readonly [number, number]> = { 1: [0.5, 1], 2: [1, 2], 3: [2, 5] };

const OFFICE_ITEMS: readonly ItemTemplate[] = [
  ['Dự thảo văn bản hành chính', 'văn bản', 1, 1],
  ['Thẩm định hồ sơ', 'hồ sơ', 2, 1.5],
  ['Giải quyết thủ tục hành chính', 'hồ sơ', 1, 0.6],
  ['Báo cáo định kỳ', 'báo cáo', 1, 0.9],
  ['Tham mưu kế hoạch', 'kế hoạch', 2, 1.8],
  ['Tiếp công dân', 'buổi', 2, 1.2],
  ['Xử lý đơn thư, kiến nghị', 'đơn', 2, 1.3],
  ['Kiểm tra hiện trường', 'cuộc', 2, 1.6],
  ['Lập biên bản vi phạm hành chính', 'biên bản', 1, 0.8],
  ['Dự thảo quyết định', 'văn bản', 2, 1.4],
  ['Tổ chức hội nghị, hội thảo', 'cuộc', 3, 2.5],
  ['Báo cáo chuyên đề', 'báo cáo', 3, 2.2],
  ['Xây dựng đề án', 'đề án', 3, 4.5],
  ['Cập nhật cơ sở dữ liệu chuyên ngành', 'hồ sơ', 1, 0.5],
  ['Chứng thực bản sao, chữ ký', 'hồ sơ', 1, 0.5],
  ['Đăng ký hộ tịch', 'hồ sơ', 1, 0.7],
  ['Thẩm định dự toán, quyết toán', 'hồ sơ', 3, 2.8],
  ['Tiếp nhận và trả kết quả', 'hồ sơ', 1, 0.5],
  ['Tổ chức sự kiện văn hóa, thể thao', 'sự kiện', 3, 3.5],
  ['Tin bài trên hệ thống truyền thanh', 'tin bài', 1, 0.6],
  ['Rà soát, đối soát số liệu', 'báo cáo', 1, 0.9],
  ['Hướng dẫn dịch vụ công trực tuyến', 'lượt', 1, 0.5],
  ['Trả lời kiến nghị cử tri', 'văn bản', 2, 1.5],
  ['Kiểm tra công tác văn thư, lưu trữ', 'cuộc', 2, 1.7],
];

const PARTY_ITEMS: readonly ItemTemplate[] = [
  ['Dự thảo nghị quyết', 'văn bản', 3, 3],
  ['Báo cáo tổng hợp', 'báo cáo', 2, 1.5],
  ['Tổ chức hội nghị', 'cuộc', 3, 2.5],
  ['Kiểm tra, giám sát', 'cuộc', 3, 3.5],
  ['Dự thảo văn bản hướng dẫn', 'văn bản', 2, 1.5],
  ['Báo cáo chuyên đề', 'báo cáo', 2, 2],
  ['Thẩm định hồ sơ kết nạp đảng viên', 'hồ sơ', 2, 1.2],
  ['Xử lý hồ sơ chuyển sinh hoạt đảng', 'hồ sơ', 1, 0.6],
  ['Tham mưu kế hoạch', 'kế hoạch', 2, 1.8],
  ['Tuyên truyền, vận động nhân dân', 'đợt', 2, 1.5],
  ['Tiếp nhận, xử lý đơn thư', 'đơn', 1, 0.8],
  ['Tổng hợp tình hình tư tưởng', 'báo cáo', 1, 1],
  ['Tổ chức lớp bồi dưỡng chính trị', 'lớp', 3, 4],
  ['Dự họp, ghi biên bản', 'cuộc', 1, 0.6],
  ['Văn bản hành chính thông thường', 'văn bản', 1, 1],
  ['Thăm hỏi, hỗ trợ hội viên', 'lượt', 1, 0.5],
  ['Phát triển hội viên, đoàn viên', 'hồ sơ', 1, 0.7],
  ['Giám sát chuyên đề', 'cuộc', 3, 3],
  ['Xây dựng đề án', 'đề án', 3, 5],
  ['Lưu trữ, số hóa hồ sơ', 'hồ sơ', 1, 0.5],
  ['Sơ kết, tổng kết phong trào thi đua', 'báo cáo', 2, 1.9],
];

const COUNCIL_ITEMS: readonly ItemTemplate[] = [
  ['Thẩm tra báo cáo, tờ trình', 'báo cáo', 3, 2.5],
  ['Dự thảo nghị quyết', 'văn bản', 3, 3],
  ['Giám sát chuyên đề', 'cuộc', 3, 3.5],
  ['Tiếp xúc cử tri', 'cuộc', 2, 1.8],
  ['Tổng hợp ý kiến, kiến nghị cử tri', 'báo cáo', 2, 1.5],
  ['Chuẩn bị nội dung kỳ họp', 'kỳ họp', 3, 4],
  ['Báo cáo định kỳ', 'báo cáo', 1, 0.9],
  ['Dự thảo văn bản hành chính', 'văn bản', 1, 1],
  ['Tiếp công dân', 'buổi', 2, 1.2],
  ['Theo dõi giải quyết kiến nghị', 'văn bản', 2, 1.2],
  ['Khảo sát thực tế', 'cuộc', 2, 1.6],
  ['Dự họp, ghi biên bản', 'cuộc', 1, 0.6],
  ['Thẩm tra dự toán ngân sách', 'hồ sơ', 3, 3.2],
];

const SCHOOL_ITEMS: readonly ItemTemplate[] = [
  ['Soạn giáo án', 'bài', 1, 0.5],
  ['Tiết dạy trên lớp', 'tiết', 1, 0.6],
  ['Chấm bài kiểm tra', 'lớp', 1, 0.8],
  ['Dự giờ', 'tiết', 1, 0.5],
  ['Sinh hoạt chuyên môn', 'buổi', 1, 0.7],
  ['Báo cáo chuyên môn', 'báo cáo', 2, 1.2],
  ['Ra đề kiểm tra', 'đề', 2, 1.5],
  ['Bồi dưỡng học sinh giỏi', 'buổi', 2, 1.5],
  ['Phụ đạo học sinh chưa đạt yêu cầu', 'buổi', 1, 0.9],
  ['Tổ chức hoạt động ngoại khóa', 'hoạt động', 2, 1.8],
  ['Họp cha mẹ học sinh', 'cuộc', 1, 1],
  ['Cập nhật sổ điểm điện tử', 'lớp', 1, 0.5],
  ['Xây dựng kế hoạch giáo dục', 'kế hoạch', 3, 2.5],
  ['Viết sáng kiến kinh nghiệm', 'sáng kiến', 3, 4],
  ['Thiết kế bài giảng điện tử', 'bài', 2, 1.6],
  ['Kiểm tra nội bộ trường học', 'cuộc', 2, 2],
  ['Tổ chức chuyên đề cấp trường', 'chuyên đề', 3, 3],
  ['Sinh hoạt lớp chủ nhiệm', 'buổi', 1, 0.6],
  ['Cập nhật hồ sơ quản lý học sinh', 'hồ sơ', 1, 0.7],
  ['Báo cáo thống kê giáo dục', 'báo cáo', 2, 1.3],
  ['Chăm sóc, nuôi dưỡng học sinh bán trú', 'buổi', 1, 0.8],
  ['Trực trường, bảo đảm an ninh trật tự', 'ca', 1, 0.5],
  ['Kiểm kê thiết bị, thư viện', 'đợt', 2, 1.2],
  ['Lập chứng từ thu, chi', 'hồ sơ', 2, 1.8],
];

const ITEMS: Record<Category, readonly ItemTemplate[]> = {
  office: OFFICE_ITEMS, party: PARTY_ITEMS, council: COUNCIL_ITEMS, school: SCHOOL_ITEMS,
};
const CODE_PREFIX: Record<Category, string> = { office: 'VB', party: 'DT', council: 'HD', school: 'GD' };
const STANDARD_UNIT: Record<Category, string> = {
  office: 'Văn bản hành chính thông thường (1 đơn vị chuẩn)',
  party: 'Văn bản hành chính thông thường (1 đơn vị chuẩn)',
  council: 'Văn bản hành chính thông thường (1 đơn vị chuẩn)',
  school: 'Tiết dạy trên lớp theo định mức (1 đơn vị chuẩn)',
};
const MIN_ITEMS = 8;
const MAX_ITEMS = 20;

/** Ad hoc work (việc phát sinh ngoài danh mục) by kind of unit. */
const AD_HOC: Record<Category, readonly string[]> = {
  office: [
    'Tham gia đoàn kiểm tra liên ngành', 'Chuẩn bị nội dung làm việc với đoàn công tác của Thành phố',
    'Xử lý vụ việc đột xuất theo chỉ đạo của UBND phường', 'Hỗ trợ tổ chức tiếp xúc cử tri',
    'Rà soát số liệu phục vụ báo cáo nhanh của Thành phố', 'Tham gia trực phòng chống thiên tai',
    'Tổng hợp ý kiến góp ý dự thảo văn bản của cấp trên', 'Phối hợp giải phóng mặt bằng',
  ],
  party: [
    'Chuẩn bị nội dung làm việc với đoàn kiểm tra của Thành ủy', 'Tổng hợp dư luận xã hội đột xuất',
    'Tham gia tổ công tác của Đảng ủy', 'Chuẩn bị hồ sơ khen thưởng đột xuất',
    'Hỗ trợ tổ chức lễ kỷ niệm', 'Tổng hợp ý kiến góp ý dự thảo văn kiện',
  ],
  council: [
    'Chuẩn bị kỳ họp chuyên đề', 'Tổng hợp kiến nghị cử tri phát sinh',
    'Tham gia đoàn giám sát đột xuất', 'Xác minh đơn thư theo chỉ đạo của Thường trực HĐND',
  ],
  school: [
    'Dạy thay giáo viên nghỉ ốm', 'Tham gia đoàn kiểm tra của Phòng Văn hóa - Xã hội',
    'Tổ chức hội thi cấp trường', 'Hỗ trợ tổ chức tuyển sinh', 'Tập huấn chương trình giáo dục phổ thông',
    'Chuẩn bị hồ sơ kiểm định chất lượng giáo dục',
  ],
};

const TOPICS: Record<Category, readonly string[]> = {
  office: [
    ': cải cách hành chính', ': chuyển đổi số', ': trật tự đô thị', ': phòng cháy, chữa cháy', ': an sinh xã hội',
    ': Đề án 06', ': bảo vệ môi trường', ': quản lý đất đai', ': văn minh đô thị',
  ],
  party: [
    ': học tập, quán triệt nghị quyết', ': phát triển đảng viên', ': dân vận khéo', ': kỷ niệm ngày lễ lớn',
    ': bảo vệ nền tảng tư tưởng của Đảng', ': xây dựng chi bộ trong sạch, vững mạnh', ': chuyển đổi số',
  ],
  council: [
    ': ngân sách phường', ': quản lý đô thị', ': giải quyết kiến nghị cử tri', ': cải cách hành chính',
    ': an toàn thực phẩm',
  ],
  school: [
    ' – môn Toán', ' – môn Ngữ văn', ' – môn Tiếng Anh', ' – môn Khoa học', ' – lớp chủ nhiệm', ': giáo dục STEM',
    ': an toàn trường học', ': chuyển đổi số trong dạy học',
  ],
};
const KINDERGARTEN_TOPICS: readonly string[] = [
  ' – nhóm trẻ 24–36 tháng', ' – lớp Mẫu giáo bé', ' – lớp Mẫu giáo nhỡ', ' – lớp Mẫu giáo lớn', ': an toàn thực phẩm',
  ': phát triển vận động',
];

const EVIDENCE_NOTES: readonly (string | null)[] = [
  'Đã trình lãnh đạo ký ban hành', 'Đã phát hành qua hệ thống quản lý văn bản', 'Đã cập nhật lên hệ thống',
  'Kèm biên bản', 'Hoàn thành theo kế hoạch', 'Đã gửi cơ quan cấp trên', 'Lãnh đạo đơn vị đã duyệt', null, null,
];
const SCHOOL_EVIDENCE_NOTES: readonly (string | null)[] = [
  'Đã được tổ trưởng chuyên môn duyệt', 'Đã cập nhật sổ điểm điện tử', 'Kèm biên bản sinh hoạt chuyên môn',
  'Hoàn thành theo kế hoạch', 'Ban giám hiệu đã ký duyệt', null, null,
];

const FAILURE_NOTES: readonly string[] = [
  'Sai sót lớn về nội dung: số liệu không khớp với báo cáo gốc', 'Nội dung chưa đúng chỉ đạo, phải soạn lại',
  'Trích dẫn sai căn cứ pháp lý', 'Thiếu nội dung trọng tâm theo yêu cầu', 'Sai đối tượng áp dụng, phải sửa lại',
];
const PASS_NOTES: readonly (string | null)[] = ['Đạt yêu cầu', 'Bảo đảm chất lượng', null, null, null, null];
const FAILURE_EXCUSES: readonly string[] = [
  'Thay đổi chỉ đạo của cấp trên', 'Văn bản hướng dẫn của cấp trên thay đổi sau khi trình',
  'Số liệu đầu vào do cơ quan khác cung cấp có sai sót', 'Quy định pháp luật mới có hiệu lực trong kỳ',
];
const DELAY_NOTES: readonly (string | null)[] = [
  'Hoàn thành chậm so với thời hạn', 'Quá hạn xử lý', 'Chậm nộp báo cáo', 'Chậm trình lãnh đạo', null,
];
const DELAY_EXCUSES: readonly string[] = [
  'Chờ ý kiến của cơ quan khác', 'Chờ kết quả thẩm định của cơ quan cấp trên',
  'Hệ thống phần mềm dùng chung gặp sự cố', 'Thời tiết bất lợi, không thể kiểm tra hiện trường',
  'Cấp có thẩm quyền điều chỉnh kế hoạch',
];
const FACTOR_REASONS_FULL: readonly string[] = [
  'Đơn vị hoàn thành kế hoạch tháng đúng tiến độ, bảo đảm chất lượng; nội bộ đoàn kết',
  'Tổ chức thực hiện nhiệm vụ hiệu quả; không có đơn thư phản ánh về mất đoàn kết',
  'Hoàn thành kế hoạch công tác tháng; đơn vị đoàn kết, thống nhất',
];
const FACTOR_REASON_ORGANISATION = 'Đơn vị còn để chậm kéo dài một số nhiệm vụ trong kế hoạch tháng';
const FACTOR_REASON_UNITY = 'Có đơn thư phản ánh kéo dài về mất đoàn kết nội bộ';
const FACTOR_REASON_BOTH = 'Còn nhiệm vụ chậm kéo dài và có phản ánh về mất đoàn kết nội bộ';

// ---------------------------------------------------------------------------------------------
// Month calendar (precomputed strings: no per-row date formatting)
// ---------------------------------------------------------------------------------------------

/** Timestamp slots of a working day, in increasing order; each slot has a few minute variants. */
const SLOT_TIMES: readonly (readonly string[])[] = [
  ['07:35', '07:50', '08:05', '08:20', '08:40', '08:55'], // 0 early morning
  ['09:30', '09:45', '10:00', '10:15', '10:40', '11:05'], // 1 late morning
  ['13:40', '14:00', '14:15', '14:30', '14:50', '15:05'], // 2 early afternoon
  ['15:30', '15:45', '16:00', '16:15', '16:30', '16:45'], // 3 late afternoon
  ['17:05', '17:15', '17:25', '17:35', '17:45', '17:55'], // 4 evening (decisions on excuses)
];
const S_EARLY = 0;
const S_MORNING = 1;
const S_AFTERNOON = 2;
const S_LATE = 3;
const S_EVENING = 4;
const VARIANTS = 6;

interface Calendar {
  month: string;
  year: number;
  monthNumber: number;
  last: number;
  /** 'YYYY-MM-DD' by day (index 0 unused) */
  day: string[];
  /** the Monday of the day's week, 'YYYY-MM-DD' (may precede the month) */
  monday: string[];
  /** ISO timestamps by day, slot, variant */
  at: string[][][];
  /** working days (Mon–Fri except fixed public holidays) of the month, ascending */
  workdays: number[];
  /** latest day a task may be assigned on (leaves room for due dates and delays) */
  lastAssign: number;
  /** working days <= lastAssign */
  assignable: number[];
  /** ' – tháng 5', ' – tháng 5/2026' */
  monthSuffixes: string[];
  /** ' – tuần N' by day */
  weekSuffix: string[];
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const HOUR_MS = 3_600_000;

function isoDay(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Solar-calendar public holidays (New Year, Reunification Day, Labour Day, National Day), 'MM-DD'. */
const FIXED_HOLIDAYS: readonly string[] = ['01-01', '04-30', '05-01', '09-02'];

function calendar(month: string): Calendar {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new Error(`month must be 'YYYY-MM', got ${JSON.stringify(month)}`);
  const year = Number(m[1]);
  const monthNumber = Number(m[2]);
  if (year < 1970) throw new Error(`month ${month} is before 1970`);
  const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const day: string[] = [''];
  const monday: string[] = [''];
  const at: string[][][] = [[]];
  const workdays: number[] = [];
  const weekSuffix: string[] = [''];
  let week = 1;
  for (let d = 1; d <= last; d++) {
    const date = new Date(Date.UTC(year, monthNumber - 1, d));
    const dow = date.getUTCDay(); // 0 = Sunday
    const back = (dow + 6) % 7;
    if (d > 1 && dow === 1) week++;
    day.push(`${month}-${pad2(d)}`);
    monday.push(isoDay(new Date(Date.UTC(year, monthNumber - 1, d - back))));
    at.push(SLOT_TIMES.map((times) => times.map((t) => `${month}-${pad2(d)}T${t}:00+07:00`)));
    if (dow >= 1 && dow <= 5 && !FIXED_HOLIDAYS.includes(`${pad2(monthNumber)}-${pad2(d)}`)) workdays.push(d);
    weekSuffix.push(` – tuần ${week}`);
  }
  const lastAssign = last - 3;
  const assignable = workdays.filter((d) => d <= lastAssign);
  return {
    month, year, monthNumber, last, day, monday, at, workdays, lastAssign, assignable,
    monthSuffixes: [` – tháng ${monthNumber}`, ` – tháng ${monthNumber}/${year}`],
    weekSuffix,
  };
}

// ---------------------------------------------------------------------------------------------
// Index of the organization data (built once per call, O(units + people))
// ---------------------------------------------------------------------------------------------

interface WardIndex {
  jurisdictionId: string;
  units: OrgUnit[];
}

interface OrgIndex {
  wards: WardIndex[];
  peopleByUnit: Map<string, OrgPerson[]>;
  rankByPosition: Map<string, 'HEAD' | 'DEPUTY' | 'STAFF'>;
  unitById: Map<string, OrgUnit>;
}

function indexOrg(org: SeedData): OrgIndex {
  const wards: WardIndex[] = [];
  const wardById = new Map<string, WardIndex>();
  for (const j of org.jurisdictions) {
    if (j.kind !== 'WARD') continue;
    const w: WardIndex = { jurisdictionId: j.id, units: [] };
    wards.push(w);
    wardById.set(j.id, w);
  }
  const unitById = new Map<string, OrgUnit>();
  for (const u of org.units) {
    unitById.set(u.id, u);
    if (u.kind === 'EXTERNAL_AUTHORITY') continue;
    wardById.get(u.jurisdictionId)?.units.push(u);
  }
  const peopleByUnit = new Map<string, OrgPerson[]>();
  for (const p of org.people) {
    const list = peopleByUnit.get(p.unitId);
    if (list) list.push(p);
    else peopleByUnit.set(p.unitId, [p]);
  }
  const rankByPosition = new Map<string, 'HEAD' | 'DEPUTY' | 'STAFF'>();
  for (const p of org.positions) rankByPosition.set(p.id, p.rank);
  return { wards, peopleByUnit, rankByPosition, unitById };
}

function categoryOf(unit: OrgUnit, unitById: Map<string, OrgUnit>): Category {
  if (unit.kind === 'SCHOOL') return 'school';
  if (unit.kind === 'PEOPLES_COUNCIL') return 'council';
  if (unit.kind === 'SUB_UNIT' && unit.parentId && unitById.get(unit.parentId)?.kind === 'PEOPLES_COUNCIL') return 'council';
  if (unit.block === 'PARTY') return 'party';
  return 'office';
}

/** The document symbol of a unit (evidence 'Số 123/UBND-VHXH'): its code without the ward prefix ('HD-UBND-VHXH' → 'UBND-VHXH'). */
function documentSymbol(unit: OrgUnit): string {
  const dash = unit.code.indexOf('-');
  return dash >= 0 ? unit.code.slice(dash + 1) : unit.code;
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

interface PreparedItem {
  id: string;
  name: string;
  factor: number;
  group: Group;
}

function buildCatalogue(
  rng: Rng, unit: OrgUnit, category: Category, year: number, out: PlanningSeedChunk,
): PreparedItem[] {
  const versionId = rng.uuid();
  const createdDay = 2 + rng.int(0, 3);
  out.catalogueVersions.push({
    id: versionId,
    unitId: unit.id,
    effectiveFrom: `${year}-01`,
    standardUnit: STANDARD_UNIT[category],
    createdBy: ACTOR,
    createdAt: `${year}-01-${pad2(createdDay)}T${SLOT_TIMES[S_AFTERNOON][rng.int(0, VARIANTS - 1)]}:00+07:00`,
  });
  const pool = ITEMS[category];
  const count = rng.int(MIN_ITEMS, min(MAX_ITEMS, pool.length));
  // Partial Fisher–Yates: choose `count` templates, then keep the catalogue order.
  const order = pool.map((_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + rng.below(order.length - i);
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  const chosen = order.slice(0, count).sort((a, b) => a - b);
  const prefix = CODE_PREFIX[category];
  const items: PreparedItem[] = [];
  chosen.forEach((templateIndex, n) => {
    const [name, unitOfMeasure, group, nominal] = pool[templateIndex];
    const [lo, hi] = GROUP_RANGE[group];
    const factor = min(hi, max(lo, round2(nominal * (0.9 + 0.2 * rng.float()))));
    const id = rng.uuid();
    out.catalogueItems.push({
      id, versionId, code: `${prefix}${pad2(n + 1)}`, name, complexityGroup: GROUP_NAME[group], unitOfMeasure, factor,
    });
    items.push({ id, name, factor, group });
  });
  return items;
}

interface PlanState {
  id: string;
  approved: boolean;
  /** day of approval (0 when not approved) */
  decidedDay: number;
}

function buildPlan(
  rng: Rng, unitId: string, personId: string | null, note: string | null, cal: Calendar, closed: boolean, out: PlanningSeedChunk,
): PlanState {
  const id = rng.uuid();
  const x = rng.float();
  // A past month is over: its plans were all approved.
  const status: SeedPlan['status'] = closed || x < P_PLAN_APPROVED ? 'APPROVED' : x < P_PLAN_APPROVED + P_PLAN_SUBMITTED ? 'SUBMITTED' : 'DRAFT';
  let submittedAt: string | null = null;
  let decidedAt: string | null = null;
  let decidedDay = 0;
  if (status !== 'DRAFT') {
    const submittedDay = cal.workdays[rng.below(min(3, cal.workdays.length))];
    submittedAt = cal.at[submittedDay][rng.int(S_EARLY, S_MORNING)][rng.int(0, VARIANTS - 1)];
    if (status === 'APPROVED') {
      decidedDay = min(cal.last, submittedDay + rng.int(0, 2));
      decidedAt = cal.at[decidedDay][S_LATE][rng.int(0, VARIANTS - 1)];
    }
  }
  out.plans.push({
    id, unitId, personId, month: cal.month, status, note, submittedAt,
    decidedBy: status === 'APPROVED' ? ACTOR : null, decidedAt,
  });
  return { id, approved: status === 'APPROVED', decidedDay };
}

interface UnitContext {
  unit: OrgUnit;
  category: Category;
  items: PreparedItem[];
  adHoc: readonly string[];
  topics: readonly string[];
  evidenceNotes: readonly (string | null)[];
  symbol: string;
  /** the unit's head, if any */
  head: string | null;
}

/** Tasks, reviews and delays of one person-month. */
function buildTasks(
  rng: Rng, ctx: UnitContext, person: OrgPerson, plan: PlanState,
  /** the deputy in charge of a staff member (or the head); null for leaders, whose tasks nobody directs */
  inCharge: string | null, cal: Calendar, out: PlanningSeedChunk,
): void {
  const { tasks, reviews, delays } = out;
  const at = cal.at;
  const assignable = cal.assignable.length > 0 ? cal.assignable : [1];
  const lastAssign = max(1, cal.lastAssign);
  const early = min(3, assignable.length);
  const last = cal.last;
  const items = ctx.items;
  const count = rng.int(MIN_TASKS, MAX_TASKS);
  // Arising tasks can only be assigned on working days after the plan's approval.
  let firstArising = assignable.length;
  if (plan.approved) {
    firstArising = 0;
    while (firstArising < assignable.length && assignable[firstArising] <= plan.decidedDay) firstArising++;
  }
  const canArise = firstArising < assignable.length;

  for (let t = 0; t < count; t++) {
    const id = rng.uuid();
    // --- what
    let catalogueItemId: string | null = null;
    let title: string;
    let quantity: number;
    let factor: number;
    let size: number;
    if (items.length === 0 || rng.chance(P_AD_HOC)) {
      title = rng.pick(ctx.adHoc);
      quantity = 1;
      factor = round2(0.5 + 2.5 * rng.float());
      size = factor;
    } else {
      const item = items[rng.below(items.length)];
      catalogueItemId = item.id;
      title = item.name;
      if (rng.chance(0.06)) quantity = rng.int(0, item.group === 3 ? 1 : 3) + 0.5;
      else quantity = item.group === 3 ? rng.int(1, 2) : rng.int(1, 5);
      factor = item.factor;
      size = round4(quantity * factor);
    }
    // --- when
    const arising = canArise && rng.chance(P_ARISING);
    let assigned: number;
    if (arising) assigned = assignable[firstArising + rng.below(assignable.length - firstArising)];
    else if (rng.chance(0.6)) assigned = assignable[rng.below(early)];
    else assigned = assignable[rng.below(assignable.length)];
    if (assigned > lastAssign) assigned = lastAssign;

    const s = rng.float();
    if (s < 0.4) title += rng.pick(cal.monthSuffixes);
    else if (s < 0.7) title += cal.weekSuffix[assigned];
    else title += rng.pick(ctx.topics);

    const directedBy = inCharge !== null && rng.chance(P_DIRECTED)
      ? (ctx.head === null || rng.chance(0.65) ? inCharge : ctx.head)
      : null;

    // --- outcome
    const r = rng.float();
    const delayCount = r < P_DELAY_TWICE ? 2 : r < P_DELAY_TWICE + P_DELAY_ONCE ? 1 : 0;
    const completed = rng.chance(P_COMPLETED);
    let due: number;
    let completedDay = 0;
    if (delayCount > 0) {
      // A late task has a due date before the month's end; completed after it.
      due = min(assigned + rng.int(1, 10), last - 1);
      if (completed) completedDay = min(last, due + rng.int(1, 7));
    } else if (rng.chance(P_NO_DUE)) {
      due = 0;
      if (completed) completedDay = assigned + rng.below(last - assigned + 1);
    } else {
      due = min(last, assigned + rng.int(3, 14));
      if (completed) completedDay = assigned + rng.below(due - assigned + 1);
    }

    let evidence: string | null = null;
    let evidenceNote: string | null = null;
    if (completed) {
      const e = rng.float();
      const n = rng.int(12, 2999);
      if (e < 0.45) evidence = `Số ${n}/${ctx.symbol}`;
      else if (e < 0.85) evidence = `https://vanban.hanoi.gov.vn/van-ban/${cal.year}/${n}${rng.int(100, 999)}`;
      else evidence = `https://dichvucong.hanoi.gov.vn/ho-so/${cal.year}${pad2(cal.monthNumber)}${n}`;
      evidenceNote = rng.pick(ctx.evidenceNotes);
    }

    tasks.push({
      id,
      planId: plan.id,
      unitId: ctx.unit.id,
      personId: person.id,
      month: cal.month,
      catalogueItemId,
      title,
      quantity,
      factor,
      size,
      arising,
      directedBy,
      weekStart: cal.monday[assigned],
      assignedOn: cal.day[assigned],
      dueOn: due > 0 ? cal.day[due] : null,
      completedOn: completed ? cal.day[completedDay] : null,
      evidence,
      evidenceNote,
      createdBy: ACTOR,
    });

    // --- quality reviews: failures (slots early/morning) before the pass (late afternoon)
    if (completed) {
      const f = rng.float();
      const failures = f < P_FAIL_TWICE ? 2 : f < P_FAIL_TWICE + P_FAIL_ONCE ? 1 : 0;
      let fromDay = assigned;
      for (let k = 0; k < failures; k++) {
        const d = fromDay + rng.below(completedDay - fromDay + 1);
        fromDay = d;
        const excused = rng.chance(P_FAILURE_EXCUSED);
        reviews.push({
          id: rng.uuid(),
          taskId: id,
          month: cal.month,
          passed: false,
          note: rng.pick(FAILURE_NOTES),
          recordedBy: ACTOR,
          recordedAt: at[d][k === 0 ? S_EARLY : S_MORNING][rng.int(0, VARIANTS - 1)],
          excused,
          excuseReason: excused ? rng.pick(FAILURE_EXCUSES) : null,
          excusedBy: excused ? ACTOR : null,
          excusedAt: excused ? at[min(last, d + rng.int(0, 3))][S_EVENING][rng.int(0, VARIANTS - 1)] : null,
        });
      }
      reviews.push({
        id: rng.uuid(),
        taskId: id,
        month: cal.month,
        passed: true,
        note: rng.pick(PASS_NOTES),
        recordedBy: ACTOR,
        recordedAt: at[completedDay][S_LATE][rng.int(0, VARIANTS - 1)],
        excused: false,
        excuseReason: null,
        excusedBy: null,
        excusedAt: null,
      });
    }

    // --- delays: first recorded the day after the due date, a second one a few days later
    if (delayCount > 0) {
      const limit = completed ? completedDay : last;
      let d = due + 1;
      for (let k = 0; k < delayCount; k++) {
        if (k > 0) d = min(limit, d + rng.int(1, 5));
        const excused = rng.chance(P_DELAY_EXCUSED);
        delays.push({
          id: rng.uuid(),
          taskId: id,
          month: cal.month,
          note: rng.pick(DELAY_NOTES),
          recordedBy: ACTOR,
          recordedAt: at[d][k === 0 ? S_EARLY : S_AFTERNOON][rng.int(0, VARIANTS - 1)],
          excused,
          excuseReason: excused ? rng.pick(DELAY_EXCUSES) : null,
          excusedBy: excused ? ACTOR : null,
          excusedAt: excused ? at[min(last, d + rng.int(0, 3))][S_EVENING][rng.int(0, VARIANTS - 1)] : null,
        });
      }
    }
  }
}

/**
 * How a ward-month is built: the last month generates the ward's catalogue (effective from January
 * of `catalogueYear`) into `catalogue`; a past month reads it from there and has every plan approved.
 */
type WardMonth =
  | { kind: 'last'; catalogueYear: number; catalogue: Map<string, PreparedItem[]> }
  | { kind: 'past'; catalogue: ReadonlyMap<string, PreparedItem[]> };

function buildWard(rng: Rng, ward: WardIndex, index: OrgIndex, cal: Calendar, mode: WardMonth): PlanningSeedChunk {
  const closed = mode.kind === 'past';
  const out: PlanningSeedChunk = {
    jurisdictionId: ward.jurisdictionId,
    month: cal.month,
    catalogueVersions: [],
    catalogueItems: [],
    plans: [],
    tasks: [],
    reviews: [],
    delays: [],
    leaderFactors: [],
  };
  const unitNote = `Kế hoạch công tác tháng ${cal.monthNumber}/${cal.year}`;
  const factorDayHi = min(24, cal.last);
  for (const unit of ward.units) {
    const category = categoryOf(unit, index.unitById);
    let items: PreparedItem[];
    if (mode.kind === 'last') {
      items = buildCatalogue(rng, unit, category, mode.catalogueYear, out);
      mode.catalogue.set(unit.id, items);
    } else items = mode.catalogue.get(unit.id) ?? [];
    const people = index.peopleByUnit.get(unit.id) ?? [];
    let head: string | null = null;
    const deputies: string[] = [];
    for (const p of people) {
      const rank = index.rankByPosition.get(p.positionId);
      if (rank === 'HEAD') head ??= p.id;
      else if (rank === 'DEPUTY') deputies.push(p.id);
    }
    const kindergarten = category === 'school' && unit.code.includes('-MN-');
    const ctx: UnitContext = {
      unit,
      category,
      items,
      adHoc: AD_HOC[category],
      topics: kindergarten ? KINDERGARTEN_TOPICS : TOPICS[category],
      evidenceNotes: category === 'school' ? SCHOOL_EVIDENCE_NOTES : EVIDENCE_NOTES,
      symbol: documentSymbol(unit),
      head,
    };
    buildPlan(rng, unit.id, null, `${unitNote} – ${unit.name}`, cal, closed, out);
    let staffIndex = 0;
    for (const person of people) {
      const rank = index.rankByPosition.get(person.positionId) ?? 'STAFF';
      const plan = buildPlan(rng, unit.id, person.id, null, cal, closed, out);
      if (rank === 'STAFF') {
        const inCharge = deputies.length > 0 ? deputies[staffIndex % deputies.length] : head;
        staffIndex++;
        buildTasks(rng, ctx, person, plan, inCharge, cal, out);
      } else {
        buildTasks(rng, ctx, person, plan, null, cal, out);
        const organisation: 1 | 0.5 = rng.chance(P_ORGANISATION_FULL) ? 1 : 0.5;
        const unity: 1 | 0.5 = rng.chance(P_UNITY_FULL) ? 1 : 0.5;
        const reason = organisation === 1
          ? unity === 1 ? rng.pick(FACTOR_REASONS_FULL) : FACTOR_REASON_UNITY
          : unity === 1 ? FACTOR_REASON_ORGANISATION : FACTOR_REASON_BOTH;
        out.leaderFactors.push({
          personId: person.id,
          month: cal.month,
          organisation,
          unity,
          reason,
          setBy: ACTOR,
          setAt: cal.at[rng.int(max(1, factorDayHi - 4), factorDayHi)][S_AFTERNOON][rng.int(0, VARIANTS - 1)],
        });
      }
    }
  }
  return out;
}

/**
 * The `count` months ending at `last` ('YYYY-MM'), in calendar order; `count` from 1 to
 * MAX_HISTORY_MONTHS. Throws on a malformed month or count.
 */
export function historyMonths(last: string, count = 1): string[] {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(last);
  if (!m) throw new Error(`month must be 'YYYY-MM', got ${JSON.stringify(last)}`);
  if (!Number.isInteger(count) || count < 1 || count > MAX_HISTORY_MONTHS) {
    throw new Error(`months must be a whole number from 1 to ${MAX_HISTORY_MONTHS}, got ${String(count)}`);
  }
  const serial = Number(m[1]) * 12 + Number(m[2]) - 1;
  const months: string[] = [];
  for (let s = serial - count + 1; s <= serial; s++) months.push(`${Math.floor(s / 12)}-${pad2((s % 12) + 1)}`);
  return months;
}

/**
 * The planning rows of the `options.months` months (default 1) ending at `options.month`, for every
 * ward of `org`: per WARD jurisdiction, in the order of `org.jurisdictions`, the chunk of the last
 * month (with the ward's catalogue) and then one chunk per past month in calendar order, generated
 * lazily. The months are validated at the call.
 */
/**
 * The last month as it stands at `asOf` (an ISO instant inside it, e.g. now for the demo of the
 * current month): nothing dated after it — DOMAIN §7, a completion is never in the future. A task
 * completed later (or whose passing review comes later) is still open, with its reviews; reviews,
 * delays, excuses, plan decisions and leader factors recorded later are not there yet.
 */
export function asOfNow(chunk: PlanningSeedChunk, asOf: string): PlanningSeedChunk {
  const now = Date.parse(asOf);
  // Local (Hà Nội) date of the instant: completions are dates.
  const today = new Date(now + 7 * HOUR_MS).toISOString().slice(0, 10);
  const later = (at: string | null) => at !== null && Date.parse(at) > now;
  const open = new Set(chunk.tasks.filter((t) => t.completedOn !== null && t.completedOn > today).map((t) => t.id));
  for (const r of chunk.reviews) if (r.passed && later(r.recordedAt)) open.add(r.taskId);
  const unexcused = <T extends { excused: boolean; excuseReason: string | null; excusedBy: string | null; excusedAt: string | null }>(x: T): T =>
    later(x.excusedAt) ? { ...x, excused: false, excuseReason: null, excusedBy: null, excusedAt: null } : x;
  return {
    ...chunk,
    plans: chunk.plans.map((p) =>
      later(p.decidedAt) ? { ...p, status: p.submittedAt && !later(p.submittedAt) ? 'SUBMITTED' : 'DRAFT', decidedBy: null, decidedAt: null, submittedAt: later(p.submittedAt) ? null : p.submittedAt } : p,
    ),
    tasks: chunk.tasks.map((t) => (open.has(t.id) ? { ...t, completedOn: null, evidence: null, evidenceNote: null } : t)),
    reviews: chunk.reviews.filter((r) => !open.has(r.taskId) && !later(r.recordedAt)).map(unexcused),
    delays: chunk.delays.filter((d) => !later(d.recordedAt)).map(unexcused),
    leaderFactors: chunk.leaderFactors.filter((f) => !later(f.setAt)),
  };
}

export function generatePlanningSeed(org: SeedData, options: { month: string; months?: number; seed?: number; asOf?: string }): Generator<PlanningSeedChunk> {
  const months = historyMonths(options.month, options.months ?? 1);
  const cal = calendar(options.month);
  const past = months.slice(0, -1).map(calendar);
  const catalogueYear = Number(months[0].slice(0, 4));
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isFinite(seed)) throw new Error('seed must be a finite number');
  const index = indexOrg(org);
  if (past.length > 0 && index.wards.length > HISTORY_WARDS) throw new Error(`a history is generated for at most ${HISTORY_WARDS} wards`);
  // Each ward's ids span at most a few hours of the month's first 28 days (far more than its rows).
  const wardSpan = Math.min(5 * HOUR_MS, Math.floor((28 * 24 * HOUR_MS) / Math.max(1, index.wards.length)));
  return (function* chunks(): Generator<PlanningSeedChunk> {
    for (let i = 0; i < index.wards.length; i++) {
      const catalogue = new Map<string, PreparedItem[]>();
      const last = buildWard(new Rng(seed, STREAM_WARD_BASE + i), index.wards[i], index, cal, { kind: 'last', catalogueYear, catalogue });
      yield options.asOf ? asOfNow(last, options.asOf) : last;
      for (const month of past) {
        const stream = STREAM_HISTORY_BASE + (month.year * 12 + month.monthNumber - 1) * HISTORY_WARDS + i;
        // Time-ordered ids inside the month, one range per ward: a bulk load appends to the indexes
        // instead of touching a random page per row (several times faster once the tables are large).
        const rng = new Rng(seed, stream).timeOrdered(Date.UTC(month.year, month.monthNumber - 1, 1) - 7 * HOUR_MS + i * wardSpan);
        yield buildWard(rng, index.wards[i], index, month, { kind: 'past', catalogue });
      }
    }
  })();
}

/** How many people get plans and roughly how many tasks the generator produces (20 per person). */
export function planningSeedSize(org: SeedData): { people: number; expectedTasks: number } {
  const wardIds = new Set<string>();
  for (const j of org.jurisdictions) if (j.kind === 'WARD') wardIds.add(j.id);
  const units = new Set<string>();
  for (const u of org.units) if (u.kind !== 'EXTERNAL_AUTHORITY' && wardIds.has(u.jurisdictionId)) units.add(u.id);
  let people = 0;
  for (const p of org.people) if (units.has(p.unitId)) people++;
  return { people, expectedTasks: people * AVERAGE_TASKS };
}
