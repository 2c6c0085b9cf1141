/**
 * Pure, deterministic seed-data generator for the organization subgraph.
 *
 * It builds the 2026 two-level Hanoi model (document 003, Hà Đông ward plan): one city, two external
 * deciding authorities, and per ward the Party committee with its advisory bodies, the Fatherland
 * Front with its mass organisations, the People's Council with its committees, the People's
 * Committee with its offices and public service units, and the ward's public schools.
 *
 * No I/O, no clock, no Math.random: every value comes from a seeded xoshiro128** generator, so the
 * same (scale, seed) always yields identical output. Each ward draws from its own stream, so
 * 'Phường Hà Đông' is identical at the 'ward' and 'city' scales; the city, its external
 * authorities and the ward jurisdictions have the same ids at every scale.
 */

export type Scale = 'demo' | 'ward' | 'city';
export type Block = 'PARTY' | 'GOVERNMENT' | 'SCHOOL';
export type UnitKind =
  | 'PARTY_COMMITTEE' | 'PEOPLES_COUNCIL' | 'PEOPLES_COMMITTEE' | 'FATHERLAND_FRONT' | 'MASS_ORGANISATION'
  | 'ADVISORY_BODY' | 'OFFICE' | 'SERVICE_UNIT' | 'SCHOOL' | 'SUB_UNIT' | 'EXTERNAL_AUTHORITY';
export type StaffKind = 'CADRE' | 'CIVIL_SERVANT' | 'PUBLIC_EMPLOYEE' | 'CONTRACT_PROFESSIONAL' | 'CONTRACT_SUPPORT' | 'NON_SPECIALISED';

export interface SeedJurisdiction {
  id: string;
  code: string;
  name: string;
  kind: 'CITY' | 'WARD' | 'EXTERNAL';
  parentId: string | null;
  policyId: 'hanoi2026';
  /** The jurisdiction's quota base (DOMAIN §6); absent or null keeps the preset's. */
  quotaBase?: 'GRADED_B' | 'B_BAND' | null;
}
export interface SeedPosition {
  id: string;
  code: string;
  name: string;
  rank: 'HEAD' | 'DEPUTY' | 'STAFF';
  leader: boolean;
  criteriaForm: 'FORM_01' | 'FORM_02' | 'FORM_03' | 'FORM_04';
  sortOrder: number;
}
export interface SeedUnit {
  id: string;
  jurisdictionId: string;
  parentId: string | null;
  block: Block;
  kind: UnitKind;
  code: string;
  name: string;
  /** '/rootId/.../ownId/' */
  path: string;
  /** Which external authority the unit is (EXTERNAL_AUTHORITY units only). */
  authority?: 'CITY_PARTY_STANDING_COMMITTEE' | 'CITY_STANDING_BOARD' | 'CITY_GOVERNMENT_PARTY_COMMITTEE';
}
/** A leader in charge of units and people (phụ trách lĩnh vực, DOMAIN §3), from the seed's first month. */
export interface SeedInCharge {
  leaderId: string;
  unitIds: string[];
  personIds: string[];
}
export interface SeedPerson {
  id: string;
  fullName: string;
  email: string | null;
  staffKind: StaffKind;
  partyMember: boolean;
  unitId: string;
  positionId: string;
}
export interface DemoUser {
  /** Vietnamese description, e.g. 'Quản trị khối Đảng' */
  label: string;
  personId: string;
  username: string;
  roles: string[];
}
export interface SeedData {
  jurisdictions: SeedJurisdiction[];
  positions: SeedPosition[];
  units: SeedUnit[];
  people: SeedPerson[];
  inCharge: SeedInCharge[];
  /** Who records the external authorities' decisions (the demo's account acting for them). */
  authorityDelegates: { authorityUnitId: string; personId: string }[];
  demoUsers: DemoUser[];
}

// ---------------------------------------------------------------------------------------------
// Position catalogue (fixed ids, shared by every scale; sortOrder ascending by seniority)
// ---------------------------------------------------------------------------------------------

type PositionCode =
  | 'BI_THU' | 'PHO_BI_THU_TT' | 'PHO_BI_THU' | 'CHU_TICH' | 'PHO_CHU_TICH' | 'CHU_NHIEM_UBKT' | 'PHO_CHU_NHIEM_UBKT'
  | 'CHANH_VAN_PHONG' | 'PHO_CHANH_VAN_PHONG' | 'TRUONG_PHONG' | 'PHO_TRUONG_PHONG' | 'GIAM_DOC' | 'PHO_GIAM_DOC'
  | 'HIEU_TRUONG' | 'PHO_HIEU_TRUONG' | 'BI_THU_DOAN' | 'PHO_BI_THU_DOAN' | 'TRUONG_BO_PHAN' | 'PHO_TRUONG_BO_PHAN'
  | 'CHUYEN_VIEN' | 'GIAO_VIEN' | 'NHAN_VIEN_HC' | 'KHONG_CHUYEN_TRACH' | 'NHAN_VIEN_PV';

function pos(
  id: string, code: PositionCode, name: string, rank: SeedPosition['rank'],
  criteriaForm: SeedPosition['criteriaForm'], sortOrder: number,
): SeedPosition {
  return { id, code, name, rank, leader: rank !== 'STAFF', criteriaForm, sortOrder };
}

export const positionCatalogue: SeedPosition[] = [
  pos('a3b49c62-2790-414a-b2b5-1bce0bd45be5', 'BI_THU', 'Bí thư Đảng ủy', 'HEAD', 'FORM_01', 10),
  pos('4984acc3-f4de-4bdf-a322-8bdf4cae3e79', 'PHO_BI_THU_TT', 'Phó Bí thư Thường trực Đảng ủy', 'DEPUTY', 'FORM_01', 20),
  pos('09d7dbc2-4cc1-47ea-937c-5fcfa7ce07e2', 'PHO_BI_THU', 'Phó Bí thư Đảng ủy', 'DEPUTY', 'FORM_01', 30),
  pos('1aa96b55-6368-480d-bdd7-ffc29c2ee948', 'CHU_TICH', 'Chủ tịch', 'HEAD', 'FORM_02', 40),
  pos('afc2a5e5-9e3b-4a05-9890-43e50b06a5c5', 'PHO_CHU_TICH', 'Phó Chủ tịch', 'DEPUTY', 'FORM_02', 50),
  pos('34107238-5734-47a0-8182-49e2c14658da', 'CHU_NHIEM_UBKT', 'Chủ nhiệm Ủy ban Kiểm tra', 'HEAD', 'FORM_02', 60),
  pos('605f3dc5-9d32-456b-8539-cee982660106', 'PHO_CHU_NHIEM_UBKT', 'Phó Chủ nhiệm Ủy ban Kiểm tra', 'DEPUTY', 'FORM_02', 70),
  pos('84ebbdae-1e4b-46ff-b020-789e10663371', 'CHANH_VAN_PHONG', 'Chánh Văn phòng', 'HEAD', 'FORM_02', 80),
  pos('34fb29eb-8779-4158-ac75-48807091c29b', 'PHO_CHANH_VAN_PHONG', 'Phó Chánh Văn phòng', 'DEPUTY', 'FORM_02', 90),
  pos('b1843906-8759-4573-b439-192a3c4c41ea', 'TRUONG_PHONG', 'Trưởng phòng, Trưởng ban', 'HEAD', 'FORM_02', 100),
  pos('16255c3f-6ecf-4762-bf0c-8fb75d17a5f1', 'PHO_TRUONG_PHONG', 'Phó Trưởng phòng, Phó Trưởng ban', 'DEPUTY', 'FORM_02', 110),
  pos('8321c24e-1bf7-4545-97e8-aed6c215e9df', 'GIAM_DOC', 'Giám đốc', 'HEAD', 'FORM_02', 120),
  pos('11e202e8-42f6-4a3c-8293-7226f6054c82', 'PHO_GIAM_DOC', 'Phó Giám đốc', 'DEPUTY', 'FORM_02', 130),
  pos('2301e068-dd8f-4fa7-ac24-370eb1d5d60f', 'HIEU_TRUONG', 'Hiệu trưởng', 'HEAD', 'FORM_02', 140),
  pos('63ee0d44-9280-49d8-a570-b93fb5550f07', 'PHO_HIEU_TRUONG', 'Phó Hiệu trưởng', 'DEPUTY', 'FORM_02', 150),
  pos('a64c40d1-c9ad-4377-a8f1-96e73d87cd5e', 'BI_THU_DOAN', 'Bí thư Đoàn Thanh niên', 'HEAD', 'FORM_02', 160),
  pos('59238e97-3bf1-43fc-b542-708d5c8b71bd', 'PHO_BI_THU_DOAN', 'Phó Bí thư Đoàn Thanh niên', 'DEPUTY', 'FORM_02', 170),
  pos('04d4981b-a3b8-419b-b068-d0ac5ed06a75', 'TRUONG_BO_PHAN', 'Trưởng bộ phận', 'HEAD', 'FORM_02', 180),
  pos('c315f729-afcd-48b5-86d1-fa60f01c36fd', 'PHO_TRUONG_BO_PHAN', 'Phó Trưởng bộ phận', 'DEPUTY', 'FORM_02', 190),
  pos('602e3542-0a1c-4843-bbb1-38cf936dc27e', 'CHUYEN_VIEN', 'Chuyên viên', 'STAFF', 'FORM_03', 200),
  pos('890eb2c5-bce6-48d8-aded-27544efb0dd5', 'GIAO_VIEN', 'Giáo viên', 'STAFF', 'FORM_03', 210),
  pos('a460a884-722d-4844-997e-f7b492b0b42b', 'NHAN_VIEN_HC', 'Nhân viên hợp đồng chuyên môn', 'STAFF', 'FORM_03', 220),
  pos('730f78b6-71c9-4bfe-982d-e22b3de2a282', 'KHONG_CHUYEN_TRACH', 'Người hoạt động không chuyên trách', 'STAFF', 'FORM_03', 230),
  pos('1574fb3a-b6ff-4a57-a5aa-e4d8f4f9a663', 'NHAN_VIEN_PV', 'Nhân viên phục vụ', 'STAFF', 'FORM_04', 240),
];

const POSITION_ID: Record<PositionCode, string> = (() => {
  const out = {} as Record<PositionCode, string>;
  for (const p of positionCatalogue) out[p.code as PositionCode] = p.id;
  return out;
})();

// ---------------------------------------------------------------------------------------------
// PRNG: xoshiro128** seeded through a 32-bit integer hash (128-bit state, so the per-ward streams
// never overlap in practice, unlike 32-bit-state generators).
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

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex4 = (x: number): string => HEX[(x >>> 8) & 255] + HEX[x & 255];
const hex8 = (x: number): string => hex4(x >>> 16) + hex4(x & 0xffff);

class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: number) {
    const s = hash32((Math.trunc(seed) >>> 0) ^ 0x9e3779b9);
    const hi = hash32(Math.floor(Math.abs(seed) / 4294967296) + 0x85ebca6b);
    this.a = hash32(s ^ hash32(stream + 0x632be5ab));
    this.b = hash32(this.a + 0x9e3779b9 + hi);
    this.c = hash32(this.b + 0x9e3779b9);
    this.d = hash32(this.c + 0x9e3779b9) | 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Next uint32. */
  next(): number {
    const b = this.b;
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    this.c ^= this.a;
    this.d ^= b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  weighted<T>(table: Weighted<T>): T {
    const x = this.float() * table.total;
    const cum = table.cumulative;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return table.items[lo];
  }

  shuffled<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
    return out;
  }

  /** A lower-case RFC 4122 version-4 UUID. */
  uuid(): string {
    const a = this.next();
    const b = this.next();
    const c = this.next();
    const d = this.next();
    return `${hex8(a)}-${hex4(b >>> 16)}-${hex4((b & 0x0fff) | 0x4000)}-${hex4(((c >>> 16) & 0x3fff) | 0x8000)}-${hex4(c & 0xffff)}${hex8(d)}`;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

interface Weighted<T> {
  items: T[];
  cumulative: number[];
  total: number;
}

function weightedTable<T>(entries: ReadonlyArray<readonly [T, number]>): Weighted<T> {
  const items: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, w] of entries) {
    total += w;
    items.push(item);
    cumulative.push(total);
  }
  return { items, cumulative, total };
}

// ---------------------------------------------------------------------------------------------
// Vietnamese names
// ---------------------------------------------------------------------------------------------

/** ASCII folding for e-mail addresses and slugs: 'Đặng Thị Ánh' → 'dang thi anh'. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

interface NamePart {
  text: string;
  folded: string;
}
const part = (text: string): NamePart => ({ text, folded: fold(text).replace(/[^a-z]/g, '') });

/** Family names with approximate national frequencies (%), adjusted for the North. */
const FAMILY = weightedTable<NamePart>(([
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 4.5], ['Huỳnh', 0.6], ['Phan', 3.5],
  ['Vũ', 3.9], ['Võ', 0.8], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.8], ['Hồ', 1.1], ['Ngô', 1.3], ['Dương', 1],
  ['Lý', 0.5], ['Đinh', 0.9], ['Trịnh', 0.8], ['Đào', 0.8], ['Mai', 0.5], ['Lương', 0.4], ['Tạ', 0.4],
  ['Cao', 0.4], ['Chu', 0.3], ['Khuất', 0.2], ['Kiều', 0.2], ['Nghiêm', 0.15], ['Phùng', 0.3], ['Lại', 0.2],
] as const).map(([t, w]) => [part(t), w] as const));

const MALE_MIDDLE = weightedTable<NamePart>(([
  ['Văn', 30], ['Đức', 10], ['Minh', 10], ['Quang', 7], ['Hữu', 6], ['Xuân', 5], ['Mạnh', 4], ['Thanh', 5],
  ['Hoàng', 4], ['Ngọc', 4], ['Trung', 3], ['Công', 4], ['Duy', 3], ['Anh', 2], ['Tiến', 3], ['Việt', 3],
  ['Đình', 4], ['Bá', 2], ['Thế', 3], ['Quốc', 4], ['Hải', 2], ['Tuấn', 2], ['Kim', 1],
] as const).map(([t, w]) => [part(t), w] as const));

const FEMALE_MIDDLE = weightedTable<NamePart>(([
  ['Thị', 50], ['Thu', 6], ['Thanh', 6], ['Ngọc', 6], ['Minh', 4], ['Hồng', 4], ['Thúy', 3], ['Phương', 3],
  ['Lan', 2], ['Mai', 2], ['Hải', 2], ['Kim', 3], ['Bích', 2], ['Diệu', 2], ['Khánh', 2], ['Quỳnh', 1],
  ['Hoài', 1], ['Bảo', 1],
] as const).map(([t, w]) => [part(t), w] as const));

/** Second middle name after 'Thị' / 'Văn' ("Nguyễn Thị Minh Anh"). */
const FEMALE_SECOND = ['Minh', 'Thu', 'Thanh', 'Ngọc', 'Hồng', 'Phương', 'Thúy', 'Lan', 'Kim', 'Hải', 'Bích', 'Diệu'].map(part);
const MALE_SECOND = ['Minh', 'Quang', 'Đức', 'Hoàng', 'Thanh', 'Ngọc', 'Tuấn', 'Việt', 'Hải'].map(part);

const MALE_GIVEN = [
  'Anh', 'Hùng', 'Dũng', 'Tuấn', 'Hải', 'Long', 'Nam', 'Sơn', 'Thắng', 'Trung', 'Đức', 'Cường', 'Hiếu', 'Hoàng',
  'Huy', 'Khoa', 'Kiên', 'Lâm', 'Mạnh', 'Minh', 'Phong', 'Phúc', 'Quân', 'Quang', 'Tài', 'Thành', 'Tiến',
  'Toàn', 'Tú', 'Việt', 'Vinh', 'Vũ', 'Bình', 'Chiến', 'Công', 'Đạt', 'Duy', 'Giang', 'Hưng', 'Khánh', 'Lợi',
  'Nghĩa', 'Quyết', 'Thịnh', 'Thông', 'Trường', 'Tùng', 'Hậu', 'Hiệp', 'Luân', 'Phương', 'Thái', 'Tâm', 'Bảo',
  'Định', 'Hòa', 'Khải', 'Lực', 'Ninh', 'Sang', 'Thọ', 'Tuyên', 'Vượng', 'Dương', 'An', 'Chung', 'Đông',
].map(part);

const FEMALE_GIVEN = [
  'Anh', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hòa', 'Huyền', 'Hương', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai',
  'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Thảo', 'Thắm', 'Thủy', 'Trang', 'Tuyết', 'Vân',
  'Yến', 'Dung', 'Giang', 'Hồng', 'Lệ', 'Ly', 'Nhàn', 'Tâm', 'Thanh', 'Thơ', 'Thu', 'Trâm', 'Uyên', 'Vy',
  'Chi', 'Diệp', 'Duyên', 'Hảo', 'Hậu', 'Huệ', 'Lụa', 'Minh', 'My', 'Nguyệt', 'Nhi', 'Phượng', 'Quyên', 'Sen',
  'Thúy', 'Trinh', 'Xuân', 'Yên', 'Bích', 'Châm', 'Đào', 'Gấm', 'Hiên', 'Khánh', 'Lam', 'Tuyền', 'Vui',
].map(part);

interface GeneratedName {
  fullName: string;
  localPart: string;
}

function vietnameseName(rng: Rng, female: boolean): GeneratedName {
  const family = rng.weighted(FAMILY);
  const middles: NamePart[] = [rng.weighted(female ? FEMALE_MIDDLE : MALE_MIDDLE)];
  if (female ? middles[0].text === 'Thị' && rng.chance(0.3) : middles[0].text === 'Văn' && rng.chance(0.1)) {
    middles.push(rng.pick(female ? FEMALE_SECOND : MALE_SECOND));
  }
  const givenPool = female ? FEMALE_GIVEN : MALE_GIVEN;
  let given = rng.pick(givenPool);
  for (let tries = 0; tries < 5 && middles.some((m) => m.text === given.text); tries++) given = rng.pick(givenPool);
  if (middles.some((m) => m.text === given.text)) middles.length = 1;
  if (middles[0].text === given.text) middles[0] = female ? FEMALE_MIDDLE.items[0] : MALE_MIDDLE.items[0];

  let fullName = family.text;
  let initials = family.folded[0];
  for (const m of middles) {
    fullName += ' ' + m.text;
    initials += m.folded[0];
  }
  fullName += ' ' + given.text;
  return { fullName, localPart: `${given.folded}.${initials}` };
}

// ---------------------------------------------------------------------------------------------
// Wards
// ---------------------------------------------------------------------------------------------

/** 126 ward names (the 2025 Hanoi two-level map), Hà Đông first. */
const WARD_NAMES: readonly string[] = [
  'Hà Đông', 'Dương Nội', 'Kiến Hưng', 'Yên Nghĩa', 'Phú Lương', 'Ba Đình', 'Ngọc Hà', 'Giảng Võ', 'Hoàn Kiếm', 'Cửa Nam',
  'Hai Bà Trưng', 'Vĩnh Tuy', 'Bạch Mai', 'Đống Đa', 'Kim Liên', 'Văn Miếu - Quốc Tử Giám', 'Láng', 'Ô Chợ Dừa', 'Hồng Hà', 'Lĩnh Nam',
  'Hoàng Mai', 'Vĩnh Hưng', 'Tương Mai', 'Định Công', 'Hoàng Liệt', 'Yên Sở', 'Thanh Xuân', 'Khương Đình', 'Phương Liệt', 'Cầu Giấy',
  'Nghĩa Đô', 'Yên Hòa', 'Tây Hồ', 'Phú Thượng', 'Tây Tựu', 'Phú Diễn', 'Xuân Đỉnh', 'Đông Ngạc', 'Thượng Cát', 'Từ Liêm',
  'Xuân Phương', 'Tây Mỗ', 'Đại Mỗ', 'Long Biên', 'Bồ Đề', 'Việt Hưng', 'Phúc Lợi', 'Thanh Liệt', 'Chương Mỹ', 'Sơn Tây',
  'Tùng Thiện', 'Sóc Sơn', 'Kim Anh', 'Trung Giã', 'Đa Phúc', 'Nội Bài', 'Đông Anh', 'Phúc Thịnh', 'Thư Lâm', 'Thiên Lộc',
  'Vĩnh Thanh', 'Gia Lâm', 'Thuận An', 'Bát Tràng', 'Phù Đổng', 'Thanh Trì', 'Đại Thanh', 'Nam Phù', 'Ngọc Hồi', 'Mê Linh',
  'Yên Lãng', 'Tiến Thắng', 'Quang Minh', 'Thường Tín', 'Hồng Vân', 'Thượng Phúc', 'Chương Dương', 'Phú Xuyên', 'Phượng Dực', 'Chuyên Mỹ',
  'Đại Xuyên', 'Thanh Oai', 'Bình Minh', 'Tam Hưng', 'Dân Hòa', 'Ứng Hòa', 'Ứng Thiên', 'Hòa Xá', 'Vân Đình', 'Mỹ Đức',
  'Hồng Sơn', 'Phúc Sơn', 'Hương Sơn', 'Phú Nghĩa', 'Xuân Mai', 'Trần Phú', 'Hòa Phú', 'Quảng Bị', 'Quốc Oai', 'Kiều Phú',
  'Hưng Đạo', 'Phú Cát', 'Thạch Thất', 'Hạ Bằng', 'Hòa Lạc', 'Tây Phương', 'Yên Xuân', 'Đan Phượng', 'Ô Diên', 'Liên Minh',
  'Hoài Đức', 'Dương Hòa', 'Sơn Đồng', 'An Khánh', 'Phúc Thọ', 'Phúc Lộc', 'Hát Môn', 'Ba Vì', 'Cổ Đô', 'Bất Bạt',
  'Minh Châu', 'Quảng Oai', 'Vật Lại', 'Suối Hai', 'Yên Bài', 'Đoài Phương',
];

const CITY_WARD_COUNT = 126;

interface WardInfo {
  index: number;
  shortName: string;
  name: string;
  code: string;
  domain: string;
  jurisdictionId: string;
}

function wardInfos(count: number, jurRng: Rng): WardInfo[] {
  const usedCodes = new Set<string>(['HN']);
  const out: WardInfo[] = [];
  for (let i = 0; i < count; i++) {
    const shortName = WARD_NAMES[i] ?? `Phú Mỹ ${i - WARD_NAMES.length + 1}`;
    const words = fold(shortName).split(/[^a-z0-9]+/).filter((w) => w.length > 0);
    const base = words.map((w) => w[0]).join('').toUpperCase();
    let code = base;
    for (let n = 2; usedCodes.has(code); n++) code = `${base}${n}`;
    usedCodes.add(code);
    out.push({
      index: i,
      shortName,
      name: `Phường ${shortName}`,
      code,
      domain: `${words.join('')}.hanoi.gov.vn`,
      jurisdictionId: jurRng.uuid(),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Building units and people
// ---------------------------------------------------------------------------------------------

interface LeaderSet {
  head: PositionCode;
  firstDeputy: PositionCode;
  deputy: PositionCode;
  /** Staff kind of the unit's leaders. */
  kind: StaffKind;
}

const L_PARTY: LeaderSet = { head: 'BI_THU', firstDeputy: 'PHO_BI_THU_TT', deputy: 'PHO_BI_THU', kind: 'CADRE' };
const L_CHAIR_CADRE: LeaderSet = { head: 'CHU_TICH', firstDeputy: 'PHO_CHU_TICH', deputy: 'PHO_CHU_TICH', kind: 'CADRE' };
const L_YOUTH: LeaderSet = { head: 'BI_THU_DOAN', firstDeputy: 'PHO_BI_THU_DOAN', deputy: 'PHO_BI_THU_DOAN', kind: 'CADRE' };
const L_UBKT: LeaderSet = { head: 'CHU_NHIEM_UBKT', firstDeputy: 'PHO_CHU_NHIEM_UBKT', deputy: 'PHO_CHU_NHIEM_UBKT', kind: 'CIVIL_SERVANT' };
const L_CVP: LeaderSet = { head: 'CHANH_VAN_PHONG', firstDeputy: 'PHO_CHANH_VAN_PHONG', deputy: 'PHO_CHANH_VAN_PHONG', kind: 'CIVIL_SERVANT' };
const L_DEPT: LeaderSet = { head: 'TRUONG_PHONG', firstDeputy: 'PHO_TRUONG_PHONG', deputy: 'PHO_TRUONG_PHONG', kind: 'CIVIL_SERVANT' };
const L_CENTRE: LeaderSet = { head: 'GIAM_DOC', firstDeputy: 'PHO_GIAM_DOC', deputy: 'PHO_GIAM_DOC', kind: 'CIVIL_SERVANT' };
const L_SCHOOL: LeaderSet = { head: 'HIEU_TRUONG', firstDeputy: 'PHO_HIEU_TRUONG', deputy: 'PHO_HIEU_TRUONG', kind: 'CIVIL_SERVANT' };
const L_SECTION: LeaderSet = { head: 'TRUONG_BO_PHAN', firstDeputy: 'PHO_TRUONG_BO_PHAN', deputy: 'PHO_TRUONG_BO_PHAN', kind: 'CIVIL_SERVANT' };

type StaffPlan = ReadonlyArray<readonly [PositionCode, number]>;

interface StaffOptions {
  deputies: number;
  staff: StaffPlan;
  /** Probability that a staff member is a woman (leaders use a lower rate). */
  female?: number;
  /** Staff kind of CHUYEN_VIEN in this unit (viên chức in public service units). */
  specialistKind?: StaffKind;
}

class WardBuilder {
  readonly units: SeedUnit[] = [];
  readonly people: SeedPerson[] = [];
  readonly inCharge: SeedInCharge[] = [];
  private readonly emailCounts: Map<string, number>;

  constructor(
    private readonly rng: Rng,
    readonly ward: WardInfo,
  ) {
    this.emailCounts = new Map();
  }

  unit(parent: SeedUnit | null, kind: UnitKind, code: string, name: string, block?: Block): SeedUnit {
    const id = this.rng.uuid();
    const ownBlock = block ?? parent?.block;
    if (!ownBlock) throw new Error(`unit ${code} has no block`);
    const u: SeedUnit = {
      id,
      jurisdictionId: this.ward.jurisdictionId,
      parentId: parent ? parent.id : null,
      block: ownBlock,
      kind,
      code,
      name,
      path: parent ? `${parent.path}${id}/` : `/${id}/`,
    };
    this.units.push(u);
    return u;
  }

  person(unit: SeedUnit, position: PositionCode, staffKind: StaffKind, female: boolean, partyP: number): SeedPerson {
    const rng = this.rng;
    const name = vietnameseName(rng, female);
    let email: string | null = null;
    if (rng.chance(0.7)) {
      const n = (this.emailCounts.get(name.localPart) ?? 0) + 1;
      this.emailCounts.set(name.localPart, n);
      email = n === 1 ? `${name.localPart}@${this.ward.domain}` : `${name.localPart}.${n}@${this.ward.domain}`;
    }
    const p: SeedPerson = {
      id: rng.uuid(),
      fullName: name.fullName,
      email,
      staffKind,
      partyMember: rng.chance(partyP),
      unitId: unit.id,
      positionId: POSITION_ID[position],
    };
    this.people.push(p);
    return p;
  }

  /** One head, `deputies` deputies, then the staff plan in order. */
  staff(unit: SeedUnit, leaders: LeaderSet, o: StaffOptions): void {
    const rng = this.rng;
    const female = o.female ?? 0.55;
    const leaderFemale = Math.min(0.9, female * 0.7);
    const partyUnit = unit.block === 'PARTY';
    this.person(unit, leaders.head, leaders.kind, rng.chance(leaderFemale), 1);
    for (let i = 0; i < o.deputies; i++) {
      this.person(unit, i === 0 ? leaders.firstDeputy : leaders.deputy, leaders.kind, rng.chance(leaderFemale), partyUnit ? 1 : 0.9);
    }
    for (const [code, count] of o.staff) {
      for (let i = 0; i < count; i++) {
        switch (code) {
          case 'CHUYEN_VIEN':
            this.person(unit, code, o.specialistKind ?? 'CIVIL_SERVANT', rng.chance(female), partyUnit ? 0.75 : 0.4);
            break;
          case 'GIAO_VIEN':
            this.person(unit, code, 'PUBLIC_EMPLOYEE', rng.chance(female), 0.42);
            break;
          case 'NHAN_VIEN_HC':
            this.person(unit, code, 'CONTRACT_PROFESSIONAL', rng.chance(female), 0.3);
            break;
          case 'NHAN_VIEN_PV':
            this.person(unit, code, 'CONTRACT_SUPPORT', rng.chance(female), 0.15);
            break;
          case 'KHONG_CHUYEN_TRACH':
            this.person(unit, code, 'NON_SPECIALISED', rng.chance(female), 0.5);
            break;
          default:
            throw new Error(`${code} is not a staff position`);
        }
      }
    }
  }

  /**
   * Who is in charge of what (DOMAIN §3: data, never the most senior by default): in a unit with
   * several deputies the first is in charge of the unit's own staff and the others of its sub-units
   * in turn; the People's Committee's vice chairs share the units under it, `first` to the first.
   */
  assignInCharge(committee: SeedUnit, first: SeedUnit): void {
    const deputiesOf = (unit: SeedUnit) =>
      this.people.filter((p) => p.unitId === unit.id && POSITION_BY_ID.get(p.positionId)!.rank === 'DEPUTY').sort(byChainOrder);
    for (const unit of this.units) {
      // The Party committee's deputies are the Standing Deputy and the Deputy Secretaries, whom the table names.
      if (unit.id === committee.id || unit.kind === 'PARTY_COMMITTEE') continue;
      const deputies = this.people.filter((p) => p.unitId === unit.id && POSITION_BY_ID.get(p.positionId)!.rank === 'DEPUTY');
      if (deputies.length < 2) continue;
      const subUnits = this.units.filter((u) => u.parentId === unit.id).map((u) => u.id);
      deputies.forEach((deputy, i) => {
        const unitIds = i === 0 ? [unit.id] : subUnits.filter((_, k) => k % (deputies.length - 1) === i - 1);
        if (unitIds.length) this.inCharge.push({ leaderId: deputy.id, unitIds, personIds: [] });
      });
    }
    const viceChairs = deputiesOf(committee);
    const fields = [first, ...this.units.filter((u) => u.parentId === committee.id && u.id !== first.id)];
    viceChairs.forEach((viceChair, i) => {
      const unitIds = fields.filter((_, k) => k % viceChairs.length === i).map((u) => u.id);
      if (unitIds.length) this.inCharge.push({ leaderId: viceChair.id, unitIds, personIds: [] });
    });
  }

  /** Sub-units (bộ phận) of `parent`: the first `count` of `defs`, each with a small staff. */
  sections(parent: SeedUnit, defs: ReadonlyArray<readonly [string, string]>, count: number, specialistKind?: StaffKind): SeedUnit[] {
    const out: SeedUnit[] = [];
    for (const [abbr, name] of defs.slice(0, count)) {
      const u = this.unit(parent, 'SUB_UNIT', `${parent.code}-${abbr}`, name);
      const n = this.rng.int(2, 5);
      this.staff(u, L_SECTION, { deputies: 1, staff: [['CHUYEN_VIEN', n]], specialistKind });
      out.push(u);
    }
    return out;
  }
}

interface Externals {
  partyAuthority: SeedUnit;
  standingBoard: SeedUnit;
  governmentAuthority: SeedUnit;
}

const PARTY_SUBS = {
  VP: [['TH', 'Bộ phận Tổng hợp'], ['HCTC', 'Bộ phận Hành chính - Tài chính']],
  XDD: [['TCCB', 'Bộ phận Tổ chức - Cán bộ'], ['TGDV', 'Bộ phận Tuyên giáo - Dân vận'], ['BVCT', 'Bộ phận Bảo vệ chính trị nội bộ']],
  UBKT: [['KT', 'Bộ phận Kiểm tra'], ['GS', 'Bộ phận Giám sát']],
  MTTQ: [['CTMT', 'Bộ phận Công tác Mặt trận'], ['VP', 'Bộ phận Văn phòng']],
} as const;

const MASS_ORGS: ReadonlyArray<readonly [string, string]> = [
  ['PN', 'Hội Liên hiệp Phụ nữ'], ['DTN', 'Đoàn Thanh niên'], ['CCB', 'Hội Cựu chiến binh'], ['ND', 'Hội Nông dân'],
];
const EXTRA_ASSOCIATIONS: ReadonlyArray<readonly [string, string]> = [
  ['NCT', 'Hội Người cao tuổi'], ['CTD', 'Hội Chữ thập đỏ'], ['KH', 'Hội Khuyến học'],
  ['TNXP', 'Hội Cựu Thanh niên xung phong'], ['DC', 'Hội Nạn nhân chất độc da cam/dioxin'],
];

const GOV_SUBS = {
  VP: [
    ['TH', 'Bộ phận Tổng hợp'], ['HCQT', 'Bộ phận Hành chính - Quản trị'], ['TCD', 'Bộ phận Tiếp công dân'],
    ['CNTT', 'Bộ phận Công nghệ thông tin'], ['TPHT', 'Bộ phận Tư pháp - Hộ tịch'], ['TCKT', 'Bộ phận Tài chính - Kế toán'],
  ],
  KT: [
    ['QHXD', 'Bộ phận Quy hoạch - Xây dựng'], ['TNMT', 'Bộ phận Tài nguyên - Môi trường'], ['KTTC', 'Bộ phận Kinh tế - Tài chính'],
    ['TTDT', 'Bộ phận Quản lý trật tự đô thị'], ['GTHT', 'Bộ phận Giao thông - Hạ tầng kỹ thuật'], ['DC', 'Bộ phận Địa chính'],
  ],
  VHXH: [
    ['NV', 'Bộ phận Nội vụ'], ['GD', 'Bộ phận Giáo dục - Đào tạo'], ['VHTT', 'Bộ phận Văn hóa - Thông tin'],
    ['YT', 'Bộ phận Y tế'], ['LDXH', 'Bộ phận Lao động - Chính sách xã hội'], ['DTTG', 'Bộ phận Dân tộc - Tôn giáo'],
  ],
  PVHCC: [
    ['TNTKQ', 'Bộ phận Tiếp nhận và trả kết quả'], ['DVCTT', 'Bộ phận Hỗ trợ dịch vụ công trực tuyến'],
    ['HCTH', 'Bộ phận Hành chính - Tổng hợp'], ['GSDG', 'Bộ phận Giám sát, đánh giá'],
  ],
  VHTT: [['VHTDTT', 'Bộ phận Văn hóa - Thể thao'], ['TTTT', 'Bộ phận Thông tin - Truyền thanh']],
} as const;

const KINDERGARTEN_NAMES = [
  'Hoa Sen', 'Hoa Sữa', 'Họa Mi', 'Sơn Ca', 'Hoa Hồng', 'Ánh Sao', 'Vàng Anh', 'Hoa Mai', 'Tuổi Hoa', 'Ban Mai',
  'Bình Minh', 'Hoa Phượng', 'Búp Sen Hồng', 'Hoa Ban', 'Ngôi Sao', 'Thỏ Ngọc', 'Hoa Đào', 'Sao Mai', 'Hướng Dương',
  'Hoa Lan', 'Chim Non', 'Mầm Xanh',
];
const PRIMARY_NAMES = [
  'Lê Lợi', 'Văn Yên', 'Kim Đồng', 'Nguyễn Trãi', 'Trần Phú', 'Lê Hồng Phong', 'Ngô Quyền', 'Lý Thường Kiệt',
  'Nguyễn Du', 'Võ Thị Sáu', 'Quang Trung', 'Đoàn Thị Điểm', 'Lê Ngọc Hân', 'Trưng Vương', 'Tô Hiến Thành',
  'Lý Tự Trọng', 'Nguyễn Bá Ngọc', 'Phan Chu Trinh',
];
const SECONDARY_NAMES = [
  'Lê Quý Đôn', 'Chu Văn An', 'Nguyễn Bỉnh Khiêm', 'Trần Đăng Ninh', 'Ngô Sĩ Liên', 'Mạc Đĩnh Chi', 'Lương Thế Vinh',
  'Phan Bội Châu', 'Nguyễn Tất Thành', 'Trần Quốc Toản', 'Hoàng Hoa Thám', 'Văn Khê',
];

interface SchoolLevel {
  abbr: 'MN' | 'TH' | 'THCS';
  prefix: string;
  names: readonly string[];
  female: number;
}
const LEVELS: Record<'MN' | 'TH' | 'THCS', SchoolLevel> = {
  MN: { abbr: 'MN', prefix: 'Trường Mầm non', names: KINDERGARTEN_NAMES, female: 0.97 },
  TH: { abbr: 'TH', prefix: 'Trường Tiểu học', names: PRIMARY_NAMES, female: 0.86 },
  THCS: { abbr: 'THCS', prefix: 'Trường THCS', names: SECONDARY_NAMES, female: 0.76 },
};

function schoolNames(rng: Rng, level: SchoolLevel, ward: WardInfo, count: number): string[] {
  const pool = [...new Set([ward.shortName, ...level.names])];
  const picked = rng.shuffled(pool).slice(0, count);
  for (let i = picked.length; i < count; i++) picked.push(`${ward.shortName} ${i + 1}`);
  return picked.map((n) => `${level.prefix} ${n}`);
}

/** The named units demo users are chosen from. */
interface KeyUnits {
  buildingBoard: SeedUnit;
  partyOffice: SeedUnit;
  peoplesOffice: SeedUnit;
  economyOffice: SeedUnit;
  cultureOffice: SeedUnit;
  firstSchool: SeedUnit;
}

/** Tiny ward for the demo: every body once, no sub-units, one large office (Phòng Văn hóa - Xã hội). */
function buildDemoWard(b: WardBuilder, ext: Externals): KeyUnits {
  const w = b.ward;
  const c = w.code;
  const du = b.unit(ext.partyAuthority, 'PARTY_COMMITTEE', `${c}-DU`, `Đảng ủy phường ${w.shortName}`, 'PARTY');
  b.staff(du, L_PARTY, { deputies: 1, staff: [] });
  const vpdu = b.unit(du, 'ADVISORY_BODY', `${c}-DU-VP`, 'Văn phòng Đảng ủy');
  b.staff(vpdu, L_CVP, { deputies: 1, staff: [['CHUYEN_VIEN', 1]] });
  const xdd = b.unit(du, 'ADVISORY_BODY', `${c}-DU-XDD`, 'Ban Xây dựng Đảng');
  b.staff(xdd, L_DEPT, { deputies: 1, staff: [['CHUYEN_VIEN', 1]] });
  const ubkt = b.unit(du, 'ADVISORY_BODY', `${c}-DU-UBKT`, 'Ủy ban Kiểm tra Đảng ủy');
  b.staff(ubkt, L_UBKT, { deputies: 1, staff: [] });
  const ttct = b.unit(du, 'SERVICE_UNIT', `${c}-DU-TTCT`, 'Trung tâm Chính trị');
  b.staff(ttct, L_CENTRE, { deputies: 1, staff: [] });
  const mttq = b.unit(du, 'FATHERLAND_FRONT', `${c}-MTTQ`, `Ủy ban MTTQ Việt Nam phường ${w.shortName}`);
  b.staff(mttq, L_CHAIR_CADRE, { deputies: 1, staff: [] });
  for (const [abbr, name] of MASS_ORGS.slice(0, 3)) {
    const mo = b.unit(mttq, 'MASS_ORGANISATION', `${c}-MTTQ-${abbr}`, name);
    b.staff(mo, abbr === 'DTN' ? L_YOUTH : L_CHAIR_CADRE, { deputies: 1, staff: [], female: abbr === 'PN' ? 1 : 0.5 });
  }

  const hdnd = b.unit(ext.governmentAuthority, 'PEOPLES_COUNCIL', `${c}-HDND`, `HĐND phường ${w.shortName}`, 'GOVERNMENT');
  b.staff(hdnd, L_CHAIR_CADRE, { deputies: 1, staff: [] });
  for (const [abbr, name] of [['PC', 'Ban Pháp chế'], ['KTNS', 'Ban Kinh tế - Ngân sách'], ['VHXH', 'Ban Văn hóa - Xã hội']] as const) {
    const ban = b.unit(hdnd, 'SUB_UNIT', `${c}-HDND-${abbr}`, name);
    b.staff(ban, L_DEPT, { deputies: 1, staff: [] });
  }
  const ubnd = b.unit(ext.governmentAuthority, 'PEOPLES_COMMITTEE', `${c}-UBND`, `UBND phường ${w.shortName}`, 'GOVERNMENT');
  b.staff(ubnd, L_CHAIR_CADRE, { deputies: 1, staff: [] });
  const vp = b.unit(ubnd, 'OFFICE', `${c}-UBND-VP`, 'Văn phòng HĐND và UBND');
  b.staff(vp, L_CVP, { deputies: 1, staff: [['CHUYEN_VIEN', 1]] });
  const kt = b.unit(ubnd, 'OFFICE', `${c}-UBND-KTHTDT`, 'Phòng Kinh tế, Hạ tầng và Đô thị');
  b.staff(kt, L_DEPT, { deputies: 1, staff: [['CHUYEN_VIEN', 1]] });
  const vhxh = b.unit(ubnd, 'OFFICE', `${c}-UBND-VHXH`, 'Phòng Văn hóa - Xã hội');
  b.staff(vhxh, L_DEPT, { deputies: 2, staff: [['CHUYEN_VIEN', 15], ['NHAN_VIEN_HC', 1], ['NHAN_VIEN_PV', 1]] });
  const pvhcc = b.unit(ubnd, 'SERVICE_UNIT', `${c}-UBND-PVHCC`, 'Trung tâm Phục vụ hành chính công');
  b.staff(pvhcc, L_CENTRE, { deputies: 1, staff: [], specialistKind: 'PUBLIC_EMPLOYEE' });

  const schools: SeedUnit[] = [];
  for (const [level, name] of [['MN', 'Hoa Sen'], ['TH', 'Văn Yên'], ['THCS', 'Lê Quý Đôn']] as const) {
    const L = LEVELS[level];
    // A public school is a unit under the People's Committee; the school block administers it.
    const s = b.unit(ubnd, 'SCHOOL', `${c}-${level}-01`, `${L.prefix} ${name}`, 'SCHOOL');
    b.staff(s, L_SCHOOL, { deputies: 1, staff: [['GIAO_VIEN', 1]], female: L.female });
    schools.push(s);
  }
  b.assignInCharge(ubnd, vhxh);
  return { buildingBoard: xdd, partyOffice: vpdu, peoplesOffice: vp, economyOffice: kt, cultureOffice: vhxh, firstSchool: schools[0] };
}

/** A full ward (≈ 80 units, ≈ 2,000 people), the same profile at the 'ward' and 'city' scales. */
function buildFullWard(b: WardBuilder, rng: Rng, ext: Externals): KeyUnits {
  const w = b.ward;
  const c = w.code;
  const CV = 'CHUYEN_VIEN';

  // ---- PARTY block ----
  const du = b.unit(ext.partyAuthority, 'PARTY_COMMITTEE', `${c}-DU`, `Đảng ủy phường ${w.shortName}`, 'PARTY');
  b.staff(du, L_PARTY, { deputies: 2, staff: [] });

  const vpdu = b.unit(du, 'ADVISORY_BODY', `${c}-DU-VP`, 'Văn phòng Đảng ủy');
  b.staff(vpdu, L_CVP, { deputies: 2, staff: [[CV, rng.int(3, 5)], ['NHAN_VIEN_PV', rng.int(1, 2)]] });
  b.sections(vpdu, PARTY_SUBS.VP, 2);

  const xdd = b.unit(du, 'ADVISORY_BODY', `${c}-DU-XDD`, 'Ban Xây dựng Đảng');
  b.staff(xdd, L_DEPT, { deputies: 2, staff: [[CV, rng.int(4, 6)]] });
  b.sections(xdd, PARTY_SUBS.XDD, rng.int(2, 3));

  const ubkt = b.unit(du, 'ADVISORY_BODY', `${c}-DU-UBKT`, 'Ủy ban Kiểm tra Đảng ủy');
  b.staff(ubkt, L_UBKT, { deputies: 2, staff: [[CV, rng.int(3, 5)]] });
  b.sections(ubkt, PARTY_SUBS.UBKT, rng.int(0, 2));

  const ttct = b.unit(du, 'SERVICE_UNIT', `${c}-DU-TTCT`, 'Trung tâm Chính trị');
  b.staff(ttct, L_CENTRE, { deputies: 1, staff: [[CV, rng.int(2, 4)], ['NHAN_VIEN_HC', 1]], specialistKind: 'PUBLIC_EMPLOYEE' });

  const mttq = b.unit(du, 'FATHERLAND_FRONT', `${c}-MTTQ`, `Ủy ban MTTQ Việt Nam phường ${w.shortName}`);
  b.staff(mttq, L_CHAIR_CADRE, { deputies: rng.int(2, 3), staff: [[CV, rng.int(3, 6)], ['KHONG_CHUYEN_TRACH', rng.int(1, 2)]] });
  const orgs = [...MASS_ORGS, ...EXTRA_ASSOCIATIONS.slice(0, rng.int(2, 5))];
  for (const [abbr, name] of orgs) {
    const mo = b.unit(mttq, 'MASS_ORGANISATION', `${c}-MTTQ-${abbr}`, name);
    b.staff(mo, abbr === 'DTN' ? L_YOUTH : L_CHAIR_CADRE, {
      deputies: 1,
      staff: [[CV, rng.int(1, 3)], ['KHONG_CHUYEN_TRACH', rng.int(0, 2)]],
      female: abbr === 'PN' ? 1 : abbr === 'CCB' ? 0.1 : 0.5,
    });
  }
  b.sections(mttq, PARTY_SUBS.MTTQ, rng.int(1, 2));

  // ---- GOVERNMENT block ----
  const hdnd = b.unit(ext.governmentAuthority, 'PEOPLES_COUNCIL', `${c}-HDND`, `HĐND phường ${w.shortName}`, 'GOVERNMENT');
  b.staff(hdnd, L_CHAIR_CADRE, { deputies: rng.int(1, 2), staff: [[CV, rng.int(1, 2)]] });
  for (const [abbr, name] of [['PC', 'Ban Pháp chế'], ['KTNS', 'Ban Kinh tế - Ngân sách'], ['VHXH', 'Ban Văn hóa - Xã hội']] as const) {
    const ban = b.unit(hdnd, 'SUB_UNIT', `${c}-HDND-${abbr}`, name);
    b.staff(ban, L_DEPT, { deputies: 1, staff: [[CV, rng.int(0, 2)]] });
  }

  const ubnd = b.unit(ext.governmentAuthority, 'PEOPLES_COMMITTEE', `${c}-UBND`, `UBND phường ${w.shortName}`, 'GOVERNMENT');
  b.staff(ubnd, L_CHAIR_CADRE, { deputies: rng.int(2, 3), staff: [] });

  const vp = b.unit(ubnd, 'OFFICE', `${c}-UBND-VP`, 'Văn phòng HĐND và UBND');
  b.staff(vp, L_CVP, {
    deputies: rng.int(2, 3),
    staff: [[CV, rng.int(6, 10)], ['NHAN_VIEN_HC', rng.int(1, 2)], ['NHAN_VIEN_PV', rng.int(2, 4)]],
  });
  b.sections(vp, GOV_SUBS.VP, rng.int(4, 6));

  const kt = b.unit(ubnd, 'OFFICE', `${c}-UBND-KTHTDT`, 'Phòng Kinh tế, Hạ tầng và Đô thị');
  b.staff(kt, L_DEPT, { deputies: rng.int(2, 3), staff: [[CV, rng.int(5, 9)], ['NHAN_VIEN_HC', rng.int(0, 1)]] });
  b.sections(kt, GOV_SUBS.KT, rng.int(4, 6));

  const vhxh = b.unit(ubnd, 'OFFICE', `${c}-UBND-VHXH`, 'Phòng Văn hóa - Xã hội');
  b.staff(vhxh, L_DEPT, { deputies: rng.int(2, 3), staff: [[CV, rng.int(6, 10)], ['NHAN_VIEN_HC', rng.int(0, 1)]] });
  b.sections(vhxh, GOV_SUBS.VHXH, rng.int(4, 6));

  const pvhcc = b.unit(ubnd, 'SERVICE_UNIT', `${c}-UBND-PVHCC`, 'Trung tâm Phục vụ hành chính công');
  b.staff(pvhcc, L_CENTRE, {
    deputies: rng.int(1, 2),
    staff: [[CV, rng.int(3, 6)], ['NHAN_VIEN_HC', rng.int(1, 3)]],
    specialistKind: 'PUBLIC_EMPLOYEE',
  });
  b.sections(pvhcc, GOV_SUBS.PVHCC, rng.int(2, 4), 'PUBLIC_EMPLOYEE');

  const vhtt = b.unit(ubnd, 'SERVICE_UNIT', `${c}-UBND-VHTT`, 'Trung tâm Văn hóa, Thông tin và Thể thao');
  b.staff(vhtt, L_CENTRE, {
    deputies: 1,
    staff: [[CV, rng.int(3, 6)], ['NHAN_VIEN_PV', rng.int(1, 2)]],
    specialistKind: 'PUBLIC_EMPLOYEE',
  });
  b.sections(vhtt, GOV_SUBS.VHTT, rng.int(0, 2), 'PUBLIC_EMPLOYEE');

  // ---- SCHOOL block: public schools under the People's Committee, administered by the school block ----
  let firstSchool: SeedUnit | null = null;
  const plan: ReadonlyArray<readonly [SchoolLevel, number, number, number, number, number]> = [
    // level, min schools, max schools, min teachers, max teachers, service staff (max)
    [LEVELS.MN, 11, 15, 30, 55, 8],
    [LEVELS.TH, 8, 11, 35, 70, 4],
    [LEVELS.THCS, 5, 7, 40, 80, 4],
  ];
  for (const [level, minS, maxS, minT, maxT, maxPv] of plan) {
    const names = schoolNames(rng, level, w, rng.int(minS, maxS));
    names.forEach((name, i) => {
      const s = b.unit(ubnd, 'SCHOOL', `${c}-${level.abbr}-${String(i + 1).padStart(2, '0')}`, name, 'SCHOOL');
      const teachers = rng.int(minT, maxT);
      b.staff(s, L_SCHOOL, {
        deputies: teachers >= 50 ? 3 : 2,
        staff: [['GIAO_VIEN', teachers], ['NHAN_VIEN_HC', rng.int(2, 3)], ['NHAN_VIEN_PV', rng.int(2, maxPv)]],
        female: level.female,
      });
      firstSchool ??= s;
    });
  }
  if (!firstSchool) throw new Error('ward without schools');
  b.assignInCharge(ubnd, vhxh);
  return { buildingBoard: xdd, partyOffice: vpdu, peoplesOffice: vp, economyOffice: kt, cultureOffice: vhxh, firstSchool };
}

// ---------------------------------------------------------------------------------------------
// Demo users
// ---------------------------------------------------------------------------------------------

function demoUsers(people: readonly SeedPerson[], key: KeyUnits): DemoUser[] {
  const inUnit = (unit: SeedUnit, rank: SeedPosition['rank'], position?: PositionCode): SeedPerson[] => {
    const out: SeedPerson[] = [];
    for (const p of people) {
      if (p.unitId !== unit.id) continue;
      const pp = POSITION_BY_ID.get(p.positionId);
      if (pp?.rank === rank && (!position || pp.code === position)) out.push(p);
    }
    return out;
  };
  const one = (list: SeedPerson[], i: number, what: string): string => {
    const p = list[i];
    if (!p) throw new Error(`demo user: no ${what}`);
    return p.id;
  };
  const cultureSpecialists = inUnit(key.cultureOffice, 'STAFF', 'CHUYEN_VIEN');
  const teachers = inUnit(key.firstSchool, 'STAFF', 'GIAO_VIEN');
  // The People's Committee above the culture office: its chair decides the office head (and answers
  // an appeal against the head's decisions); its first deputy — as the chain orders them (post,
  // name, id) — comments on the head.
  const committee = { id: key.cultureOffice.parentId! } as SeedUnit;
  const viceChairs = inUnit(committee, 'DEPUTY').sort(byChainOrder);
  return [
    {
      label: 'Quản trị thành phố',
      username: 'admin.thanhpho',
      roles: ['city-admin', 'employee'],
      personId: one(inUnit(key.peoplesOffice, 'STAFF', 'CHUYEN_VIEN'), 0, 'specialist in Văn phòng HĐND và UBND'),
    },
    {
      label: 'Quản trị khối Đảng',
      username: 'admin.dang',
      roles: ['block-admin-party', 'employee'],
      personId: one(inUnit(key.buildingBoard, 'STAFF', 'CHUYEN_VIEN'), 0, 'specialist in Ban Xây dựng Đảng'),
    },
    {
      label: 'Quản trị khối chính quyền và khối trường học',
      username: 'admin.chinhquyen',
      roles: ['block-admin-government', 'block-admin-school', 'employee'],
      personId: one(cultureSpecialists, 0, 'specialist in Phòng Văn hóa - Xã hội'),
    },
    {
      label: 'Quản trị khối trường học',
      username: 'admin.truonghoc',
      roles: ['block-admin-school', 'employee'],
      personId: one(teachers, 0, 'teacher'),
    },
    {
      label: 'Trưởng phòng Văn hóa - Xã hội (người đánh giá)',
      username: 'truongphong',
      roles: ['evaluator', 'employee'],
      personId: one(inUnit(key.cultureOffice, 'HEAD'), 0, 'head of Phòng Văn hóa - Xã hội'),
    },
    {
      label: 'Phó Trưởng phòng Văn hóa - Xã hội (người đánh giá)',
      username: 'phophong',
      roles: ['evaluator', 'employee'],
      personId: one(inUnit(key.cultureOffice, 'DEPUTY'), 0, 'deputy of Phòng Văn hóa - Xã hội'),
    },
    {
      label: 'Đầu mối quản trị phần mềm, Phòng Văn hóa - Xã hội',
      username: 'daumoi',
      roles: ['unit-focal-point', 'employee'],
      personId: one(cultureSpecialists, 1, 'second specialist in Phòng Văn hóa - Xã hội'),
    },
    {
      label: 'Chuyên viên Phòng Văn hóa - Xã hội',
      username: 'nhanvien',
      roles: ['employee'],
      personId: one(cultureSpecialists, 2, 'third specialist in Phòng Văn hóa - Xã hội'),
    },
    {
      label: 'Chủ tịch UBND phường (quyết định xếp loại trưởng phòng, trả lời kiến nghị)',
      username: 'chutich',
      roles: ['evaluator', 'employee'],
      personId: one(inUnit(committee, 'HEAD'), 0, "chair of the People's Committee"),
    },
    {
      label: 'Phó Chủ tịch UBND phường (nhận xét trưởng phòng)',
      username: 'phochutich',
      roles: ['evaluator', 'employee'],
      personId: one(viceChairs, 0, "vice chair of the People's Committee"),
    },
    {
      label: 'Tài khoản ghi nhận quyết định, nhận xét tập thể của cấp có thẩm quyền ngoài phường (Ban Thường vụ Thành ủy, Thường trực Thành ủy, Ban Thường vụ Đảng ủy UBND Thành phố)',
      username: 'bantochuc',
      roles: ['evaluator', 'employee'],
      personId: one(inUnit(key.partyOffice, 'STAFF', 'CHUYEN_VIEN'), 0, 'specialist in Văn phòng Đảng ủy'),
    },
    {
      label: 'Chuyên viên phân tích số liệu',
      username: 'phantich',
      roles: ['analyst'],
      personId: one(inUnit(key.economyOffice, 'STAFF', 'CHUYEN_VIEN'), 0, 'specialist in Phòng Kinh tế, Hạ tầng và Đô thị'),
    },
  ];
}

const POSITION_BY_ID: Map<string, SeedPosition> = new Map(positionCatalogue.map((p) => [p.id, p]));
/** The order the chain lists leaders in: post, then name, then id. */
const byChainOrder = (a: SeedPerson, b: SeedPerson): number =>
  POSITION_BY_ID.get(a.positionId)!.sortOrder - POSITION_BY_ID.get(b.positionId)!.sortOrder ||
  (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0) || (a.id < b.id ? -1 : 1);

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

const DEFAULT_SEED = 20260325;
const STREAM_CITY = 1;
const STREAM_JURISDICTIONS = 2;
const STREAM_DEMO_WARD = 3;
const STREAM_WARD_BASE = 1000;

export function generateSeed(
  scale: Scale,
  options: { seed?: number; onProgress?: (done: number, total: number) => void } = {},
): SeedData {
  if (scale !== 'demo' && scale !== 'ward' && scale !== 'city') throw new Error(`unknown scale ${String(scale)}`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isFinite(seed)) throw new Error('seed must be a finite number');
  const onProgress = options.onProgress;

  const cityRng = new Rng(seed, STREAM_CITY);
  const city: SeedJurisdiction = {
    id: cityRng.uuid(), code: 'HN', name: 'Thành phố Hà Nội', kind: 'CITY', parentId: null, policyId: 'hanoi2026',
  };
  const external = (block: Block, code: string, name: string, authority: SeedUnit['authority']): SeedUnit => {
    const id = cityRng.uuid();
    return { id, jurisdictionId: city.id, parentId: null, block, kind: 'EXTERNAL_AUTHORITY', code, name, path: `/${id}/`, authority };
  };
  const ext: Externals = {
    partyAuthority: external('PARTY', 'BTVTU', 'Ban Thường vụ Thành ủy', 'CITY_PARTY_STANDING_COMMITTEE'),
    governmentAuthority: external('GOVERNMENT', 'BTV-DU-UBNDTP', 'Ban Thường vụ Đảng ủy UBND Thành phố', 'CITY_GOVERNMENT_PARTY_COMMITTEE'),
    // Drawn last so that the ids of the other units stay what they were.
    standingBoard: external('PARTY', 'TTTU', 'Thường trực Thành ủy', 'CITY_STANDING_BOARD'),
  };

  const wardCount = scale === 'city' ? CITY_WARD_COUNT : 1;
  const wards = wardInfos(wardCount, new Rng(seed, STREAM_JURISDICTIONS));
  const jurisdictions: SeedJurisdiction[] = [city];
  for (const w of wards) {
    jurisdictions.push({ id: w.jurisdictionId, code: w.code, name: w.name, kind: 'WARD', parentId: city.id, policyId: 'hanoi2026' });
  }

  const units: SeedUnit[] = [ext.partyAuthority, ext.governmentAuthority, ext.standingBoard];
  const people: SeedPerson[] = [];
  const inCharge: SeedInCharge[] = [];
  let users: DemoUser[] = [];
  onProgress?.(0, wardCount);
  for (const w of wards) {
    const rng = new Rng(seed, scale === 'demo' ? STREAM_DEMO_WARD : STREAM_WARD_BASE + w.index);
    const b = new WardBuilder(rng, w);
    const key = scale === 'demo' ? buildDemoWard(b, ext) : buildFullWard(b, rng, ext);
    if (w.index === 0) users = demoUsers(b.people, key);
    for (const u of b.units) units.push(u);
    for (const p of b.people) people.push(p);
    for (const a of b.inCharge) inCharge.push(a);
    onProgress?.(w.index + 1, wardCount);
  }

  const delegate = users.find((u) => u.username === 'bantochuc');
  return {
    jurisdictions,
    positions: positionCatalogue.map((p) => ({ ...p })),
    authorityDelegates: delegate ? [ext.partyAuthority, ext.standingBoard, ext.governmentAuthority].map((u) => ({ authorityUnitId: u.id, personId: delegate.personId })) : [],
    units,
    people,
    inCharge,
    demoUsers: users,
  };
}
