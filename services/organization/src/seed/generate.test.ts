import { readFileSync } from 'fs';
import { join } from 'path';
import { groupBy } from '@cbccvc/platform';
import { generateSeed, positionCatalogue, type SeedData, type SeedPerson, type SeedPosition, type SeedUnit } from './generate';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CITY_TIMEOUT = 60_000;

const positionById = new Map<string, SeedPosition>(positionCatalogue.map((p) => [p.id, p]));
const rankOf = (p: SeedPerson): SeedPosition['rank'] => positionById.get(p.positionId)!.rank;
const codeOf = (p: SeedPerson): string => positionById.get(p.positionId)!.code;

/** Structural invariants every scale must satisfy; collects violations so a failure names them. */
function violations(data: SeedData): string[] {
  const errors: string[] = [];
  const fail = (msg: string): void => {
    if (errors.length < 20) errors.push(msg);
  };

  // ids: unique, UUID v4, across every entity kind
  const ids = new Set<string>();
  const allIds = [
    ...data.jurisdictions.map((j) => j.id), ...data.positions.map((p) => p.id),
    ...data.units.map((u) => u.id), ...data.people.map((p) => p.id),
  ];
  for (const id of allIds) {
    if (!UUID_V4.test(id)) fail(`invalid uuid ${id}`);
    if (ids.has(id)) fail(`duplicate id ${id}`);
    ids.add(id);
  }

  // jurisdictions
  const cities = data.jurisdictions.filter((j) => j.kind === 'CITY');
  if (cities.length !== 1 || cities[0].code !== 'HN' || cities[0].name !== 'Thành phố Hà Nội' || cities[0].parentId !== null) {
    fail('expected exactly one CITY Thành phố Hà Nội (HN) at the root');
  }
  const city = cities[0];
  const jurisdictionById = new Map(data.jurisdictions.map((j) => [j.id, j]));
  const jurisdictionCodes = new Set<string>();
  for (const j of data.jurisdictions) {
    if (jurisdictionCodes.has(j.code)) fail(`duplicate jurisdiction code ${j.code}`);
    jurisdictionCodes.add(j.code);
    if (j.policyId !== 'hanoi2026') fail(`jurisdiction ${j.code} policy ${j.policyId}`);
    if (j.kind === 'WARD' && (j.parentId !== city?.id || !j.name.startsWith('Phường '))) fail(`ward ${j.code} is not a Phường under the city`);
  }

  // external authorities
  const externals = data.units.filter((u) => u.kind === 'EXTERNAL_AUTHORITY');
  const expectedExternals = [
    ['BTVTU', 'Ban Thường vụ Thành ủy', 'PARTY'],
    ['BTV-DU-UBNDTP', 'Ban Thường vụ Đảng ủy UBND Thành phố', 'GOVERNMENT'],
    ['TTTU', 'Thường trực Thành ủy', 'PARTY'],
  ];
  if (externals.length !== 3) fail(`expected 3 external authorities, got ${externals.length}`);
  if (new Set(externals.map((e) => e.authority)).size !== 3 || externals.some((e) => !e.authority)) fail('each external authority has its own role');
  for (const [code, name, block] of expectedExternals) {
    const u = externals.find((e) => e.code === code);
    if (!u || u.name !== name || u.block !== block || u.parentId !== null || u.jurisdictionId !== city?.id) {
      fail(`external authority ${code} missing or malformed`);
    }
  }

  // unit tree
  const unitById = new Map(data.units.map((u) => [u.id, u]));
  const codesPerJurisdiction = new Set<string>();
  for (const u of data.units) {
    if (!jurisdictionById.has(u.jurisdictionId)) fail(`unit ${u.code} has unknown jurisdiction`);
    const key = `${u.jurisdictionId}|${u.code}`;
    if (codesPerJurisdiction.has(key)) fail(`duplicate unit code ${u.code}`);
    codesPerJurisdiction.add(key);
    if (u.parentId === null) {
      if (u.path !== `/${u.id}/`) fail(`root ${u.code} has path ${u.path}`);
      continue;
    }
    const parent = unitById.get(u.parentId);
    if (!parent) {
      fail(`unit ${u.code} has a missing parent`);
      continue;
    }
    if (u.path !== `${parent.path}${u.id}/`) fail(`unit ${u.code} path does not extend its parent's`);
    if (parent.kind === 'EXTERNAL_AUTHORITY') {
      if (jurisdictionById.get(u.jurisdictionId)?.kind !== 'WARD') fail(`unit ${u.code} under an external authority is not in a ward`);
      if (u.block !== parent.block) fail(`unit ${u.code} reports to an external authority of another block`);
    } else {
      const school = u.kind === 'SCHOOL' && u.block === 'SCHOOL' && parent.kind === 'PEOPLES_COMMITTEE';
      if (u.block !== parent.block && !school) fail(`unit ${u.code} block ${u.block} differs from parent ${parent.code} ${parent.block}`);
      if (u.jurisdictionId !== parent.jurisdictionId) fail(`unit ${u.code} jurisdiction differs from parent ${parent.code}`);
    }
    if (u.kind === 'EXTERNAL_AUTHORITY') fail(`external authority ${u.code} has a parent`);
  }
  for (const u of data.units) {
    const parent = u.parentId ? unitById.get(u.parentId) : undefined;
    if (u.kind === 'SCHOOL' && (parent?.kind !== 'PEOPLES_COMMITTEE' || u.block !== 'SCHOOL' || jurisdictionById.get(u.jurisdictionId)?.kind !== 'WARD')) {
      fail(`school ${u.code} must be a SCHOOL-block unit under the ward's People's Committee`);
    }
  }

  // people
  const peopleByUnit = groupBy(data.people, (p) => p.unitId);
  const emails = new Set<string>();
  for (const p of data.people) {
    const unit = unitById.get(p.unitId);
    if (!unit) fail(`person ${p.fullName} in a missing unit`);
    else if (unit.kind === 'EXTERNAL_AUTHORITY') fail(`person ${p.fullName} in an external authority`);
    const position = positionById.get(p.positionId);
    if (!position) {
      fail(`person ${p.fullName} has an unknown position`);
      continue;
    }
    if (p.fullName.split(' ').length < 3) fail(`name ${p.fullName} is not family + middle + given`);
    if (p.email !== null) {
      if (!/^[a-z]+\.[a-z]+(\.\d+)?@[a-z]+\.hanoi\.gov\.vn$/.test(p.email)) fail(`bad email ${p.email}`);
      if (emails.has(p.email)) fail(`duplicate email ${p.email}`);
      emails.add(p.email);
    }
    const expectedKinds: Record<string, readonly string[]> = {
      GIAO_VIEN: ['PUBLIC_EMPLOYEE'],
      NHAN_VIEN_PV: ['CONTRACT_SUPPORT'],
      NHAN_VIEN_HC: ['CONTRACT_PROFESSIONAL'],
      KHONG_CHUYEN_TRACH: ['NON_SPECIALISED'],
      CHUYEN_VIEN: ['CIVIL_SERVANT', 'PUBLIC_EMPLOYEE'],
    };
    const allowed = position.leader ? ['CADRE', 'CIVIL_SERVANT'] : expectedKinds[position.code];
    if (!allowed || !allowed.includes(p.staffKind)) fail(`${p.fullName} (${position.code}) has staff kind ${p.staffKind}`);
    if (position.code === 'GIAO_VIEN' && unit && unit.kind !== 'SCHOOL') fail(`teacher outside a school in ${unit.code}`);
  }
  for (const u of data.units) {
    const members = peopleByUnit.get(u.id) ?? [];
    if (u.kind === 'EXTERNAL_AUTHORITY') continue;
    const heads = members.filter((p) => rankOf(p) === 'HEAD').length;
    const deputies = members.filter((p) => rankOf(p) === 'DEPUTY').length;
    if (heads !== 1) fail(`unit ${u.code} has ${heads} heads`);
    if (deputies < 1 || deputies > 3) fail(`unit ${u.code} has ${deputies} deputies`);
  }
  return errors;
}

function nonExternalUnits(data: SeedData): SeedUnit[] {
  return data.units.filter((u) => u.kind !== 'EXTERNAL_AUTHORITY');
}

describe('positionCatalogue', () => {
  it('has fixed UUID v4 ids, unique codes and ascending sortOrder', () => {
    expect(new Set(positionCatalogue.map((p) => p.code)).size).toBe(positionCatalogue.length);
    for (const p of positionCatalogue) expect(p.id).toMatch(UUID_V4);
    const orders = positionCatalogue.map((p) => p.sortOrder);
    for (let i = 1; i < orders.length; i++) expect(orders[i]).toBeGreaterThan(orders[i - 1]);
    for (const p of positionCatalogue) expect(p.leader).toBe(p.rank !== 'STAFF');
  });

  it('defines the required positions with their rank and criteria form', () => {
    const byCode = new Map(positionCatalogue.map((p) => [p.code, p]));
    const expected: Array<[string, string, string]> = [
      ['BI_THU', 'HEAD', 'FORM_01'], ['PHO_BI_THU_TT', 'DEPUTY', 'FORM_01'], ['CHU_TICH', 'HEAD', 'FORM_02'],
      ['PHO_CHU_TICH', 'DEPUTY', 'FORM_02'], ['TRUONG_PHONG', 'HEAD', 'FORM_02'], ['PHO_TRUONG_PHONG', 'DEPUTY', 'FORM_02'],
      ['GIAM_DOC', 'HEAD', 'FORM_02'], ['PHO_GIAM_DOC', 'DEPUTY', 'FORM_02'], ['HIEU_TRUONG', 'HEAD', 'FORM_02'],
      ['PHO_HIEU_TRUONG', 'DEPUTY', 'FORM_02'], ['CHUYEN_VIEN', 'STAFF', 'FORM_03'], ['GIAO_VIEN', 'STAFF', 'FORM_03'],
      ['NHAN_VIEN_HC', 'STAFF', 'FORM_03'], ['NHAN_VIEN_PV', 'STAFF', 'FORM_04'], ['KHONG_CHUYEN_TRACH', 'STAFF', 'FORM_03'],
    ];
    for (const [code, rank, form] of expected) {
      expect({ code, rank: byCode.get(code)?.rank, form: byCode.get(code)?.criteriaForm }).toEqual({ code, rank, form });
    }
  });

  it('is shared unchanged by every scale and seed', () => {
    const a = generateSeed('demo', { seed: 1 }).positions;
    const b = generateSeed('ward', { seed: 2 }).positions;
    expect(a).toEqual(positionCatalogue);
    expect(b).toEqual(positionCatalogue);
  });
});

describe('generate.ts purity', () => {
  it('imports nothing but types and uses no clock or global randomness', () => {
    const source = readFileSync(join(__dirname, 'generate.ts'), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|\s)\/\/.*$/gm, '$1');
    const imports = source.split('\n').filter((line) => /^\s*import\s/.test(line));
    for (const line of imports) expect(line).toMatch(/^\s*import\s+type\s/);
    expect(source).not.toMatch(/Math\.random|Date\.now|new Date|require\(/);
  });
});

describe('generateSeed("demo")', () => {
  const data = generateSeed('demo');
  const unitById = new Map(data.units.map((u) => [u.id, u]));
  const peopleByUnit = groupBy(data.people, (p) => p.unitId);
  const unitNamed = (name: string): SeedUnit => {
    const found = data.units.filter((u) => u.name === name);
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('satisfies the structural invariants', () => {
    expect(violations(data)).toEqual([]);
  });

  it('the invariant checker itself rejects broken data', () => {
    const broken = (mutate: (d: SeedData) => void): string[] => {
      const copy: SeedData = JSON.parse(JSON.stringify(data));
      mutate(copy);
      return violations(copy);
    };
    const sub = (d: SeedData): SeedUnit => d.units.find((u) => u.name === 'Ban Pháp chế')!;
    expect(broken((d) => { sub(d).block = 'PARTY'; })).not.toEqual([]);
    expect(broken((d) => { sub(d).path = `/${sub(d).id}/`; })).not.toEqual([]);
    expect(broken((d) => { d.units[5].code = d.units[4].code; })).not.toEqual([]);
    expect(broken((d) => { d.people[1].positionId = d.people[0].positionId; })).not.toEqual([]);
    expect(broken((d) => { d.people[3].id = d.people[3].id.replace(/-4/, '-1'); })).not.toEqual([]);
  });

  it('is deterministic for a seed and varies with the seed', () => {
    expect(generateSeed('demo')).toEqual(data);
    expect(generateSeed('demo', { seed: 7 })).toEqual(generateSeed('demo', { seed: 7 }));
    const other = generateSeed('demo', { seed: 7 });
    expect(other.people.map((p) => p.id)).not.toEqual(data.people.map((p) => p.id));
    expect(other.people.map((p) => p.fullName)).not.toEqual(data.people.map((p) => p.fullName));
  });

  it('has one ward, Phường Hà Đông, about 60 people in about 20 units across all three blocks', () => {
    const wards = data.jurisdictions.filter((j) => j.kind === 'WARD');
    expect(wards.map((w) => [w.name, w.code])).toEqual([['Phường Hà Đông', 'HD']]);
    expect(data.people.length).toBeGreaterThanOrEqual(50);
    expect(data.people.length).toBeLessThanOrEqual(70);
    const units = nonExternalUnits(data);
    expect(units.length).toBeGreaterThanOrEqual(15);
    expect(units.length).toBeLessThanOrEqual(25);
    expect(new Set(units.map((u) => u.block))).toEqual(new Set(['PARTY', 'GOVERNMENT', 'SCHOOL']));
    for (const u of units) {
      if (u.name === 'Phòng Văn hóa - Xã hội') continue;
      expect((peopleByUnit.get(u.id) ?? []).length).toBeLessThanOrEqual(5);
    }
  });

  it('has the 2026 ward bodies with the right kinds, blocks and parents', () => {
    const btvtu = data.units.find((u) => u.code === 'BTVTU')!;
    const btvUbnd = data.units.find((u) => u.code === 'BTV-DU-UBNDTP')!;
    const du = unitNamed('Đảng ủy phường Hà Đông');
    expect([du.kind, du.block, du.parentId, du.code]).toEqual(['PARTY_COMMITTEE', 'PARTY', btvtu.id, 'HD-DU']);
    expect(du.path).toBe(`/${btvtu.id}/${du.id}/`);
    const mttq = unitNamed('Ủy ban MTTQ Việt Nam phường Hà Đông');
    expect([mttq.kind, mttq.parentId]).toEqual(['FATHERLAND_FRONT', du.id]);
    expect(unitNamed('Ban Xây dựng Đảng').parentId).toBe(du.id);
    expect(unitNamed('Hội Liên hiệp Phụ nữ')).toMatchObject({ kind: 'MASS_ORGANISATION', parentId: mttq.id, block: 'PARTY' });
    const hdnd = unitNamed('HĐND phường Hà Đông');
    const ubnd = unitNamed('UBND phường Hà Đông');
    expect([hdnd.kind, hdnd.block, hdnd.parentId]).toEqual(['PEOPLES_COUNCIL', 'GOVERNMENT', btvUbnd.id]);
    expect([ubnd.kind, ubnd.block, ubnd.parentId]).toEqual(['PEOPLES_COMMITTEE', 'GOVERNMENT', btvUbnd.id]);
    expect(unitNamed('Ban Pháp chế')).toMatchObject({ kind: 'SUB_UNIT', parentId: hdnd.id });
    expect(unitNamed('Phòng Văn hóa - Xã hội')).toMatchObject({ kind: 'OFFICE', parentId: ubnd.id, block: 'GOVERNMENT', code: 'HD-UBND-VHXH' });
    expect(unitNamed('Trung tâm Phục vụ hành chính công')).toMatchObject({ kind: 'SERVICE_UNIT', parentId: ubnd.id });
    const schools = data.units.filter((u) => u.kind === 'SCHOOL');
    expect(schools.map((s) => s.name.split(' ').slice(0, 2).join(' ')).sort()).toEqual(['Trường Mầm', 'Trường THCS', 'Trường Tiểu']);
  });

  it('has at least 20 people in Phòng Văn hóa - Xã hội, led by one Trưởng phòng', () => {
    const vhxh = unitNamed('Phòng Văn hóa - Xã hội');
    const members = peopleByUnit.get(vhxh.id) ?? [];
    expect(members.length).toBeGreaterThanOrEqual(20);
    expect(members.filter((p) => codeOf(p) === 'TRUONG_PHONG')).toHaveLength(1);
  });

  it('resolves every demo username to a person of the right unit and position', () => {
    const expected: Record<string, { unit: string; ranks: string[]; roles: string[] }> = {
      'admin.thanhpho': { unit: 'Văn phòng HĐND và UBND', ranks: ['STAFF'], roles: ['city-admin', 'employee'] },
      'admin.dang': { unit: 'Ban Xây dựng Đảng', ranks: ['STAFF'], roles: ['block-admin-party', 'employee'] },
      'admin.chinhquyen': {
        unit: 'Phòng Văn hóa - Xã hội', ranks: ['STAFF'], roles: ['block-admin-government', 'block-admin-school', 'employee'],
      },
      'admin.truonghoc': { unit: 'SCHOOL', ranks: ['STAFF'], roles: ['block-admin-school', 'employee'] },
      truongphong: { unit: 'Phòng Văn hóa - Xã hội', ranks: ['HEAD'], roles: ['evaluator', 'employee'] },
      phophong: { unit: 'Phòng Văn hóa - Xã hội', ranks: ['DEPUTY'], roles: ['evaluator', 'employee'] },
      daumoi: { unit: 'Phòng Văn hóa - Xã hội', ranks: ['STAFF'], roles: ['unit-focal-point', 'employee'] },
      nhanvien: { unit: 'Phòng Văn hóa - Xã hội', ranks: ['STAFF'], roles: ['employee'] },
      phantich: { unit: '*', ranks: ['HEAD', 'DEPUTY', 'STAFF'], roles: ['analyst'] },
      chutich: { unit: 'PEOPLES_COMMITTEE', ranks: ['HEAD'], roles: ['evaluator', 'employee'] },
      phochutich: { unit: 'PEOPLES_COMMITTEE', ranks: ['DEPUTY'], roles: ['evaluator', 'employee'] },
      bantochuc: { unit: 'Văn phòng Đảng ủy', ranks: ['STAFF'], roles: ['evaluator', 'employee'] },
    };
    expect(data.demoUsers.map((u) => u.username).sort()).toEqual(Object.keys(expected).sort());
    // bantochuc records the decisions of the three external authorities.
    const delegate = data.demoUsers.find((u) => u.username === 'bantochuc')!.personId;
    const authorities = data.units.filter((u) => u.kind === 'EXTERNAL_AUTHORITY').map((u) => u.id).sort();
    expect(data.authorityDelegates.filter((d) => d.personId === delegate).map((d) => d.authorityUnitId).sort()).toEqual(authorities);
    const personById = new Map(data.people.map((p) => [p.id, p]));
    const hadong = data.jurisdictions.find((j) => j.code === 'HD')!;
    for (const user of data.demoUsers) {
      const want = expected[user.username];
      const person = personById.get(user.personId);
      expect(person).toBeDefined();
      const unit = unitById.get(person!.unitId)!;
      expect(unit.jurisdictionId).toBe(hadong.id);
      if (want.unit === 'SCHOOL' || want.unit === 'PEOPLES_COMMITTEE') expect(unit.kind).toBe(want.unit);
      else if (want.unit !== '*') expect(unit.name).toBe(want.unit);
      expect(want.ranks).toContain(rankOf(person!));
      expect(user.roles).toEqual(want.roles);
      expect(user.label.length).toBeGreaterThan(3);
    }
    expect(new Set(data.demoUsers.map((u) => u.personId)).size).toBe(data.demoUsers.length);
    const phophong = data.demoUsers.find((u) => u.username === 'phophong')!;
    const vhxhDeputies = data.people.filter((p) => p.unitId === unitNamed('Phòng Văn hóa - Xã hội').id && rankOf(p) === 'DEPUTY');
    expect(phophong.personId).toBe(vhxhDeputies[0].id);
  });

  it('calls onProgress for its single ward', () => {
    const calls: Array<[number, number]> = [];
    generateSeed('demo', { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls[calls.length - 1]).toEqual([1, 1]);
  });
});

describe('generateSeed("ward")', () => {
  const data = generateSeed('ward');

  it('satisfies the structural invariants', () => {
    expect(violations(data)).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    const again = generateSeed('ward');
    expect(again.units).toEqual(data.units);
    expect(again.people).toEqual(data.people);
    expect(again.demoUsers).toEqual(data.demoUsers);
  });

  it('has about 80 units and 1,500–2,500 people in Phường Hà Đông', () => {
    expect(data.jurisdictions.filter((j) => j.kind === 'WARD').map((j) => j.name)).toEqual(['Phường Hà Đông']);
    const units = nonExternalUnits(data);
    expect(units.length).toBeGreaterThanOrEqual(70);
    expect(units.length).toBeLessThanOrEqual(90);
    expect(data.people.length).toBeGreaterThanOrEqual(1500);
    expect(data.people.length).toBeLessThanOrEqual(2500);
    expect(data.units.some((u) => u.kind === 'SUB_UNIT' && u.name.startsWith('Bộ phận'))).toBe(true);
  });

  it('has several schools of each level with 30–80 teachers each', () => {
    const teachers = groupBy(data.people.filter((p) => codeOf(p) === 'GIAO_VIEN'), (p) => p.unitId);
    const schools = data.units.filter((u) => u.kind === 'SCHOOL');
    for (const prefix of ['Trường Mầm non ', 'Trường Tiểu học ', 'Trường THCS ']) {
      expect(schools.filter((s) => s.name.startsWith(prefix)).length).toBeGreaterThanOrEqual(3);
    }
    for (const s of schools) {
      const n = (teachers.get(s.id) ?? []).length;
      expect(n).toBeGreaterThanOrEqual(30);
      expect(n).toBeLessThanOrEqual(80);
    }
  });

  it('has realistic names and shares of party members and e-mail addresses', () => {
    const n = data.people.length;
    const nguyen = data.people.filter((p) => p.fullName.startsWith('Nguyễn ')).length / n;
    expect(nguyen).toBeGreaterThan(0.25);
    expect(nguyen).toBeLessThan(0.5);
    const withEmail = data.people.filter((p) => p.email !== null).length / n;
    expect(withEmail).toBeGreaterThan(0.6);
    expect(withEmail).toBeLessThan(0.8);
    const leaders = data.people.filter((p) => rankOf(p) !== 'STAFF');
    const staff = data.people.filter((p) => rankOf(p) === 'STAFF');
    expect(leaders.filter((p) => p.partyMember).length / leaders.length).toBeGreaterThan(0.85);
    const staffShare = staff.filter((p) => p.partyMember).length / staff.length;
    expect(staffShare).toBeGreaterThan(0.3);
    expect(staffShare).toBeLessThan(0.5);
    expect(data.people.every((p) => p.email === null || p.email.endsWith('@hadong.hanoi.gov.vn'))).toBe(true);
  });

  it('resolves the demo users in Phường Hà Đông too', () => {
    const personById = new Map(data.people.map((p) => [p.id, p]));
    const unitById = new Map(data.units.map((u) => [u.id, u]));
    const unitOf = (username: string): SeedUnit =>
      unitById.get(personById.get(data.demoUsers.find((u) => u.username === username)!.personId)!.unitId)!;
    expect(data.demoUsers).toHaveLength(12);
    expect(unitOf('truongphong').name).toBe('Phòng Văn hóa - Xã hội');
    // The People's Committee above the office: its chair and a vice chair.
    expect(unitOf('chutich').kind).toBe('PEOPLES_COMMITTEE');
    expect(unitOf('phochutich').id).toBe(unitOf('chutich').id);
    expect(unitOf('truongphong').parentId).toBe(unitOf('chutich').id);
    expect(unitOf('admin.dang').name).toBe('Ban Xây dựng Đảng');
    expect(unitOf('admin.truonghoc').kind).toBe('SCHOOL');
  });
});

describe('generateSeed("city")', () => {
  let data: SeedData;
  let progress: Array<[number, number]>;
  let elapsedMs: number;

  beforeAll(() => {
    progress = [];
    const start = process.hrtime.bigint();
    data = generateSeed('city', { onProgress: (done, total) => progress.push([done, total]) });
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }, CITY_TIMEOUT);

  it('satisfies the structural invariants', () => {
    expect(violations(data)).toEqual([]);
  }, CITY_TIMEOUT);

  it('has 126 wards with unique names and codes, Hà Đông first', () => {
    const wards = data.jurisdictions.filter((j) => j.kind === 'WARD');
    expect(wards).toHaveLength(126);
    expect(new Set(wards.map((w) => w.name)).size).toBe(126);
    expect(wards[0]).toMatchObject({ name: 'Phường Hà Đông', code: 'HD' });
    for (const name of ['Phường Dương Nội', 'Phường Ba Đình', 'Phường Hoàn Kiếm', 'Phường Cửa Nam']) {
      expect(wards.map((w) => w.name)).toContain(name);
    }
  });

  it('totals about 10,000 units and 250,000 people (±10%)', () => {
    expect(data.units.length).toBeGreaterThanOrEqual(9_000);
    expect(data.units.length).toBeLessThanOrEqual(11_000);
    expect(data.people.length).toBeGreaterThanOrEqual(225_000);
    expect(data.people.length).toBeLessThanOrEqual(275_000);
  });

  it('reports progress once per ward, ending at 126/126', () => {
    expect(progress.length).toBeGreaterThanOrEqual(126);
    expect(progress[progress.length - 1]).toEqual([126, 126]);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
  });

  it('generates in well under 20 seconds', () => {
    expect(elapsedMs).toBeLessThan(20_000);
  });

  it('contains the ward-scale Phường Hà Đông unchanged', () => {
    const ward = generateSeed('ward');
    const hd = ward.jurisdictions.find((j) => j.code === 'HD')!;
    expect(data.jurisdictions.find((j) => j.code === 'HD')!.id).toBe(hd.id);
    expect(data.units.filter((u) => u.jurisdictionId === hd.id)).toEqual(ward.units.filter((u) => u.jurisdictionId === hd.id));
    expect(data.people.slice(0, ward.people.length)).toEqual(ward.people);
    expect(data.demoUsers).toEqual(ward.demoUsers);
  }, CITY_TIMEOUT);
});
