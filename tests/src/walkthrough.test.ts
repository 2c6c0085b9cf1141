import { criteriaFramework } from '@cbccvc/rules';
import { ok, outcome, startTestSystem, type TestSystem } from './support/system';
import { planAndComplete, selfAssess, tokenOf, type Member } from './support/month';

/**
 * The demo walk-through (issue 14, "How it must behave"): one whole unit of the demo ward — the
 * culture office "Phòng Văn hóa - Xã hội", its head, two deputies, fifteen specialists and two
 * contract workers — through May 2026 from plan to publication and an appeal, driven by the demo
 * accounts a newcomer uses by hand (truongphong, phophong, daumoi, nhanvien, phochutich, chutich,
 * admin.chinhquyen); the other members use their own accounts. It proves, through the gateway:
 * 1. every member's plan is approved by their direct leader (the commenter of their chain, else the
 *    decider) and completed; one member exempted for maternity leave by her decider;
 * 2. everyone self-assesses, and the focal point sees who has not submitted yet;
 * 3. the deputy in charge comments on the staff, the deputies have no comment step, the vice chair
 *    in charge comments on the head;
 * 4. the head decides the staff and then the deputies under one A quota (DOMAIN §6, GRADED_B 20 %)
 *    that binds — five staff reach the A band, the scope grants two A, the deputies none — and the
 *    chair decides the head once everyone the head manages is decided;
 * 5. the government block administrator publishes (form 02A), refused while the head is undecided;
 * 6. nhanvien appeals, the chair (the next level above the head) upholds it, the head re-decides,
 *    still within the scope's cap, and the new decision answers the appeal.
 * Every expected score, cap and grade is computed here from DOMAIN §5 and §6 and the scores chosen.
 * Clock: 10 May 2026 throughout (every step is before its May deadline; publishing and appealing
 * need no later date).
 */
let t: TestSystem;
const month = '2026-05';

/** DOMAIN §6 (Hà Nội 2026): the bands, and A ≤ 20 % of the people graded B. */
const PERCENT = 20;
const bandOf = (score: number) => (score >= 90 ? 'A' : score >= 70 ? 'B' : score >= 50 ? 'C' : 'D');
/** GRADED_B: the largest A with A ≤ r·(N − A), i.e. ⌊N·r/(1+r)⌋; a pool of fewer than 5 people may grade one A. */
const capOf = (size: number, reachingB: number) => (size < 5 ? 1 : Math.floor((reachingB * PERCENT) / (100 + PERCENT)));
/** DOMAIN §5: general criteria + 70 × KPI, the KPI the mean of its factors (a, b, c; for a leader also d, đ, e), 2 decimals. */
const scoreOf = (general: number, factors: number[]) => Math.round((general + (70 * factors.reduce((s, f) => s + f, 0)) / factors.length) * 100) / 100;
const gradeLabels: Record<string, string> = { A: 'Hoàn thành xuất sắc nhiệm vụ', B: 'Hoàn thành tốt nhiệm vụ', C: 'Hoàn thành nhiệm vụ', D: 'Không hoàn thành nhiệm vụ' };

type Rank = 'HEAD' | 'DEPUTY' | 'STAFF';
type CriteriaForm = 'FORM_02' | 'FORM_03' | 'FORM_04';
interface Walker extends Member {
  name: string;
  rank: Rank;
  form: CriteriaForm;
  /** The general criteria score (of 30) self-assessed. */
  general: number;
  /** The KPI factors expected: one task of size 1 done (a = b = c = 1), unless `troubled`. */
  factors: number[];
  /** Its task failed one quality review and was late once: b = c = 1 − 0.25 = 0.75. */
  troubled?: boolean;
  /** Leaders: the organising (đ) and unity (e) factors their decider sets. */
  leaderFactors?: { organisation: number; unity: number };
}

let office: string;
let officeName: string;
let walkers: Walker[];
let exempt: Member & { name: string };
const tokens: Record<string, string> = {};
const as = (username: string) => tokens[username]!;
const demo = (username: string) => t.seed.demoUsers.find((u) => u.username === username)!.personId;
const walker = (personId: string) => walkers.find((w) => w.id === personId)!;
const byRank = (rank: Rank) => walkers.filter((w) => w.rank === rank);
const expectedScore = (w: Walker) => scoreOf(w.general, w.factors);

/** Criterion scores of `form` adding up to `general`: full marks less the rest, criterion by criterion. */
function generalScores(form: CriteriaForm, general: number) {
  let less = 30 - general;
  return criteriaFramework(form).groups.flatMap((g) => g.criteria).map((c) => {
    const cut = Math.min(c.max, less);
    less -= cut;
    return { code: c.code, score: c.max - cut };
  });
}

const chainQuery = 'query($p: ID!, $m: String!) { evaluationChain(personId: $p, month: $m) { commenter { id } decider { id } } }';
const chainOf = async (personId: string) =>
  (await ok(t.gql<{ evaluationChain: { commenter: { id: string } | null; decider: { id: string } | null } }>(as('admin.chinhquyen'), chainQuery, { p: personId, m: month }))).evaluationChain;

interface FormView {
  id: string;
  version: number;
  state: string;
  commenter: { id: string } | null;
  decider: { id: string } | null;
  score: number | null;
  finalScore: number | null;
  finalGrade: string | null;
  quotaExplanation: string | null;
  answersAppeal: { id: string; status: string } | null;
  appeals: { id: string; kind: string; status: string; decidedBy: string | null }[];
  exemption: { reason: string } | null;
}
const formQuery = `query($p: ID!, $m: String!) { evaluationForm(personId: $p, month: $m) {
  id version state commenter { id } decider { id } score finalScore finalGrade quotaExplanation
  answersAppeal { id status } appeals { id kind status decidedBy } exemption { reason } } }`;
/** The form as the government block administrator reads it (an administrator in scope). */
const formOf = async (personId: string) => (await ok(t.gql<{ evaluationForm: FormView }>(as('admin.chinhquyen'), formQuery, { p: personId, m: month }))).evaluationForm;

interface StatusRow {
  person: { id: string };
  state: string | null;
  needsPlanOrExemption: boolean;
  exemption: { reason: string } | null;
}
/** The unit's evaluation status as its focal point (daumoi) sees it. */
const statusOfUnit = async () =>
  (await ok(t.gql<{ unitEvaluationStatus: StatusRow[] }>(as('daumoi'), 'query($u: ID!, $m: String!) { unitEvaluationStatus(unitId: $u, month: $m) { person { id } state needsPlanOrExemption exemption { reason } } }', { u: office, m: month })))
    .unitEvaluationStatus;

interface Proposal {
  cap: number | null;
  granted: number;
  scopeCap: number | null;
  scopeGranted: number;
  room: number | null;
  members: { person: { id: string }; score: number; band: string; grade: string; explanation: string | null }[];
}
const decideQuery = 'mutation($i: DecisionInput!) { decideEvaluations(input: $i) { cap granted scopeCap scopeGranted room members { person { id } score band grade explanation } } }';
const decide = (token: string, input: Record<string, unknown>) => t.gql<{ decideEvaluations: Proposal }>(token, decideQuery, { i: { month, ...input } });
const setFactors = (token: string, w: Walker) =>
  t.gql(token, 'mutation($i: LeaderFactorsInput!) { setLeaderFactors(input: $i) { month } }', {
    i: { personId: w.id, month, ...w.leaderFactors, reason: w.leaderFactors!.unity < 1 ? 'Còn ý kiến chưa thống nhất trong tổ công tác' : 'Tổ chức thực hiện kế hoạch đúng tiến độ, đoàn kết tốt' },
  });
const publish = () => t.gql<{ publishUnitMonth: { person: { id: string }; state: string }[] }>(as('admin.chinhquyen'), 'mutation($u: ID!, $m: String!) { publishUnitMonth(unitId: $u, month: $m) { person { id } state } }', { u: office, m: month });

interface Announcement {
  unitName: string;
  rows: { person: { id: string }; finalScore: number | null; finalGrade: string | null; gradeLabel: string | null; quotaExplanation: string | null }[];
  totals: { grade: string; label: string; count: number }[];
  rewardProposals: { person: { id: string } }[];
}
const announcementOf = async (token: string) =>
  (await ok(t.gql<{ unitAnnouncement: Announcement | null }>(token, `query($u: ID!, $m: String!) { unitAnnouncement(unitId: $u, month: $m) {
    unitName rows { person { id } finalScore finalGrade gradeLabel quotaExplanation } totals { grade label count } rewardProposals { person { id } } } }`, { u: office, m: month }))).unitAnnouncement;

/** The month's expected grades, filled in step by step from the quota rule (never read back from the system). */
const expectedGrade = new Map<string, string>();
/** The forms as each step left them (for their versions). */
const forms = new Map<string, { id: string; version: number }>();

beforeAll(async () => {
  t = await startTestSystem();
  for (const username of ['truongphong', 'phophong', 'daumoi', 'nhanvien', 'chutich', 'phochutich', 'admin.chinhquyen']) tokens[username] = await t.login(username);
  const head = t.seed.people.find((p) => p.id === demo('truongphong'))!;
  office = head.unitId;
  officeName = t.seed.units.find((u) => u.id === office)!.name;
  const positionOf = (positionId: string) => t.seed.positions.find((p) => p.id === positionId)!;
  const usernameOf = (personId: string) => t.seed.demoUsers.find((u) => u.personId === personId)?.username;
  const tokenFor = async (personId: string) => {
    const username = usernameOf(personId);
    return username ? t.login(username) : tokenOf(t, personId);
  };
  const members = t.seed.people.filter((p) => p.unitId === office);
  const staff = members.filter((p) => positionOf(p.positionId).rank === 'STAFF');
  const demoIds = new Set(t.seed.demoUsers.map((u) => u.personId));
  // A specialist without a demo account is on maternity leave this month.
  const leave = staff.filter((p) => positionOf(p.positionId).code === 'CHUYEN_VIEN' && !demoIds.has(p.id)).at(-1)!;
  exempt = { id: leave.id, name: leave.fullName, token: await tokenFor(leave.id) };

  // The scores chosen (general criteria of 30; every task done, so KPI × 70 = 70 unless troubled):
  // five staff in the A band (98, 96, 94, 92, 90), ten in the B band, one in the C band (68.33).
  const demoGenerals: Record<string, number> = { daumoi: 28, nhanvien: 24, 'admin.chinhquyen': 15 };
  const others = staff.filter((p) => p.id !== leave.id && !demoIds.has(p.id));
  const otherGenerals: (number | 'troubled')[] = [26, 22, 20, 18, 16, 14, 12, 10, 8, 6, 'troubled', 4, 2];
  expect(others).toHaveLength(otherGenerals.length);
  walkers = [];
  for (const p of members.filter((x) => x.id !== leave.id)) {
    const position = positionOf(p.positionId);
    const base = { id: p.id, name: p.fullName, rank: position.rank, form: position.criteriaForm as CriteriaForm, token: await tokenFor(p.id) };
    if (position.rank === 'HEAD') {
      walkers.push({ ...base, general: 29, factors: [1, 1, 1, 1, 1, 1], leaderFactors: { organisation: 1, unity: 1 } });
    } else if (position.rank === 'DEPUTY') {
      // phophong: a full month; the second deputy: full general criteria, unity 0.5 (KPI 5.5/6, DOMAIN §10 example 3).
      const first = p.id === demo('phophong');
      walkers.push({ ...base, general: first ? 28 : 30, factors: [1, 1, 1, 1, 1, first ? 1 : 0.5], leaderFactors: { organisation: 1, unity: first ? 1 : 0.5 } });
    } else {
      const username = usernameOf(p.id);
      const chosen = username ? demoGenerals[username]! : otherGenerals[others.indexOf(p)]!;
      walkers.push(chosen === 'troubled' ? { ...base, general: 10, factors: [1, 0.75, 0.75], troubled: true } : { ...base, general: chosen, factors: [1, 1, 1] });
    }
  }
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

describe(`the demo walk-through: one whole unit through ${month}`, () => {
  it('is the whole culture office: a head, two deputies, fifteen specialists and two contract workers', () => {
    expect(officeName).toBe('Phòng Văn hóa - Xã hội');
    expect(byRank('HEAD').map((w) => w.id)).toEqual([demo('truongphong')]);
    expect(byRank('DEPUTY').map((w) => w.id)).toContain(demo('phophong'));
    expect(byRank('DEPUTY')).toHaveLength(2);
    // 17 staff, one of them exempt: 16 walk the month.
    expect(byRank('STAFF')).toHaveLength(16);
    expect(byRank('STAFF').map((w) => w.id)).toEqual(expect.arrayContaining([demo('daumoi'), demo('nhanvien'), demo('admin.chinhquyen')]));
    expect(byRank('STAFF').filter((w) => w.form === 'FORM_04')).toHaveLength(1); // the support contract worker
  });

  it('1. plans: each approved by the direct leader of the chain and completed; one member exempt for maternity leave', async () => {
    // DOMAIN §3 (2026): staff of an office — the deputy in charge comments, the head decides; its
    // deputies — the head, in one step; the office head — the vice chair in charge, the chair decides.
    const expectedChain = (w: Walker) =>
      w.rank === 'STAFF' ? { commenter: demo('phophong'), decider: demo('truongphong') }
        : w.rank === 'DEPUTY' ? { commenter: null, decider: demo('truongphong') }
          : { commenter: demo('phochutich'), decider: demo('chutich') };
    const usernameOf = (personId: string) => t.seed.demoUsers.find((u) => u.personId === personId)!.username;
    for (const w of walkers) {
      const chain = await chainOf(w.id);
      expect([w.name, { commenter: chain.commenter?.id ?? null, decider: chain.decider?.id ?? null }]).toEqual([w.name, expectedChain(w)]);
      const leader = usernameOf(chain.commenter?.id ?? chain.decider!.id);
      await planAndComplete(t, w, office, month, as(leader), { size: 1, late: w.troubled, title: `Công việc tháng 5 của ${w.name}`, evidence: 'Báo cáo số 05/VHXH' });
      if (w.troubled) {
        const plan = await ok(t.gql<{ personPlan: { tasks: { id: string }[] } }>(as(leader), 'query($p: ID!, $m: String!) { personPlan(personId: $p, month: $m) { tasks { id } } }', { p: w.id, m: month }));
        await ok(t.gql(as(leader), 'mutation($t: ID!) { recordQualityReview(taskId: $t, passed: false, note: "Sai nội dung chính") { id } }', { t: plan.personPlan.tasks[0]!.id }));
      }
      const { personPlan } = await ok(t.gql<{ personPlan: { status: string; decidedBy: string; tasks: { completedOn: string | null; qualityReviews: { passed: boolean }[]; delays: { id: string }[] }[] } }>(
        as('admin.chinhquyen'), 'query($p: ID!, $m: String!) { personPlan(personId: $p, month: $m) { status decidedBy tasks { completedOn qualityReviews { passed } delays { id } } } }', { p: w.id, m: month }));
      expect([w.name, personPlan.status, personPlan.decidedBy]).toEqual([w.name, 'APPROVED', leader]);
      expect(personPlan.tasks.length).toBeGreaterThanOrEqual(1);
      expect(personPlan.tasks.every((task) => task.completedOn === '2026-05-07')).toBe(true);
      expect(personPlan.tasks.map((task) => [task.qualityReviews.length, task.delays.length])).toEqual([w.troubled ? [1, 1] : [0, 0]]);
    }

    // She opened her form before her leave; without a plan she is the one the focal point is told about.
    await ok(t.gql(exempt.token, `mutation { openEvaluationForm(month: "${month}") { id } }`));
    const before = await statusOfUnit();
    expect(before).toHaveLength(walkers.length + 1);
    expect(before.filter((r) => r.needsPlanOrExemption).map((r) => r.person.id)).toEqual([exempt.id]);

    // Only her decider (the head) exempts her (DOMAIN §7).
    const exemptMutation = 'mutation($p: ID!, $m: String!) { exemptFromEvaluation(personId: $p, month: $m, reason: MATERNITY_LEAVE) { reason text decidedBy } }';
    expect(outcome(await t.gql(as('phophong'), exemptMutation, { p: exempt.id, m: month }))).toBe('FORBIDDEN');
    const granted = await ok(t.gql<{ exemptFromEvaluation: { reason: string; text: string; decidedBy: string } }>(as('truongphong'), exemptMutation, { p: exempt.id, m: month }));
    expect(granted.exemptFromEvaluation).toEqual({ reason: 'MATERNITY_LEAVE', text: 'Nghỉ thai sản', decidedBy: 'truongphong' });
    const after = await statusOfUnit();
    expect(after.filter((r) => r.needsPlanOrExemption)).toEqual([]);
    expect(after.find((r) => r.person.id === exempt.id)).toMatchObject({ state: 'DRAFT', exemption: { reason: 'MATERNITY_LEAVE' } });
  });

  it('2. self-assessments: the staff first, the focal point sees the leaders still missing, then they submit', async () => {
    for (const w of byRank('STAFF')) {
      const submitted = await selfAssess<{ id: string; version: number; state: string; score: number | null; band: string | null }>(
        t, w, month, generalScores(w.form, w.general), bandOf(expectedScore(w)), 'id version state score band');
      expect([w.name, submitted.state, submitted.score, submitted.band]).toEqual([w.name, 'SELF_SUBMITTED', expectedScore(w), bandOf(expectedScore(w))]);
      forms.set(w.id, submitted);
    }
    const notSubmitted = (rows: StatusRow[]) => rows.filter((r) => r.state !== 'SELF_SUBMITTED' && !r.exemption).map((r) => r.person.id).sort();
    expect(notSubmitted(await statusOfUnit())).toEqual([...byRank('HEAD'), ...byRank('DEPUTY')].map((w) => w.id).sort());

    for (const w of [...byRank('DEPUTY'), ...byRank('HEAD')]) {
      const submitted = await selfAssess<{ id: string; version: number; state: string; score: number | null }>(t, w, month, generalScores(w.form, w.general), 'A', 'id version state score');
      // A leader's KPI waits for the factors and the people they manage: no score is guessed yet.
      expect([w.name, submitted.state, submitted.score]).toEqual([w.name, 'SELF_SUBMITTED', null]);
      forms.set(w.id, submitted);
    }
    const status = await statusOfUnit();
    expect(notSubmitted(status)).toEqual([]);
    expect(status.find((r) => r.person.id === exempt.id)!.state).toBe('DRAFT');
  });

  it('3. comments: phophong on the staff; the deputies have no comment step; phochutich on the head', async () => {
    const comment = (token: string, personId: string, text: string) =>
      t.gql<{ commentEvaluation: { version: number; state: string } }>(token, 'mutation($id: ID!, $v: Int!, $c: String!) { commentEvaluation(id: $id, expectedVersion: $v, input: { comment: $c }) { version state } }', {
        id: forms.get(personId)!.id, v: forms.get(personId)!.version, c: text,
      });
    for (const w of byRank('STAFF')) {
      const { commentEvaluation } = await ok(comment(as('phophong'), w.id, bandOf(expectedScore(w)) === 'C' ? 'Còn sai sót về nội dung, chậm tiến độ' : 'Hoàn thành tốt nhiệm vụ được giao'));
      expect(commentEvaluation.state).toBe('COMMENTED');
      forms.set(w.id, { id: forms.get(w.id)!.id, version: commentEvaluation.version });
    }
    for (const w of byRank('DEPUTY')) {
      const form = await formOf(w.id);
      expect([form.commenter, form.decider?.id]).toEqual([null, demo('truongphong')]);
      // Nobody comments: the head's decision is the one step (DOMAIN §3).
      const other = w.id === demo('phophong') ? 'truongphong' : 'phophong';
      expect(outcome(await comment(as(other), w.id, 'Nhận xét'))).toBe('FORBIDDEN');
      expect((await formOf(w.id)).state).toBe('SELF_SUBMITTED');
    }
    const head = byRank('HEAD')[0]!;
    expect(outcome(await comment(as('chutich'), head.id, 'Nhận xét'))).toBe('FORBIDDEN'); // the chair decides; the vice chair in charge comments
    expect((await ok(comment(as('phochutich'), head.id, 'Lãnh đạo phòng hoàn thành tốt kế hoạch tháng'))).commentEvaluation.state).toBe('COMMENTED');
  });

  it('4. decisions: the head decides the staff, then the deputies, under one binding A quota; the chair decides the head last', async () => {
    const staff = byRank('STAFF');
    const deputies = byRank('DEPUTY');
    const head = byRank('HEAD')[0]!;

    // The head's scope: everyone the head decides this month — 16 staff and 2 deputies; she is outside it.
    const reachingB = (list: Walker[]) => list.filter((w) => ['A', 'B'].includes(bandOf(expectedScore(w)))).length;
    const scopeSize = staff.length + deputies.length;
    const staffCap = capOf(scopeSize, reachingB(staff));
    const scopeCap = capOf(scopeSize, reachingB(staff) + reachingB(deputies));
    const inA = staff.filter((w) => bandOf(expectedScore(w)) === 'A').sort((x, y) => expectedScore(y) - expectedScore(x));
    // The scores make the cap bind: 15 reach the B band → ⌊15 × 20/120⌋ = 2 A for five in the A band;
    // with the deputies 17 → still 2. (Without the quota five staff would be A; under B_BAND, three.)
    expect([scopeSize, reachingB(staff), staffCap, scopeCap, inA.length]).toEqual([18, 15, 2, 2, 5]);
    const { quotaGroups } = await ok(t.gql<{ quotaGroups: { size: number; cap: number; granted: number; quotaBase: string; percent: number; groups: { members: { person: { id: string } }[] }[] }[] }>(
      as('truongphong'), 'query($d: ID!, $m: String!) { quotaGroups(deciderId: $d, month: $m) { size cap granted quotaBase percent groups { members { person { id } } } } }', { d: demo('truongphong'), m: month }));
    expect(quotaGroups).toHaveLength(1);
    expect(quotaGroups[0]).toMatchObject({ size: scopeSize, cap: staffCap, granted: 0, quotaBase: 'GRADED_B', percent: PERCENT });
    const scopeMembers = quotaGroups[0]!.groups.flatMap((g) => g.members.map((m) => m.person.id)).sort();
    expect(scopeMembers).toEqual([...staff, ...deputies].map((w) => w.id).sort());

    // The staff: the best `staffCap` of the A band are A, the other A-band scores B by the quota.
    for (const w of staff) expectedGrade.set(w.id, bandOf(expectedScore(w)) === 'A' ? (inA.indexOf(w) < staffCap ? 'A' : 'B') : bandOf(expectedScore(w)));
    const staffIds = staff.map((w) => w.id);
    const reason = 'Họp xét đánh giá, xếp loại tháng 5/2026 của Phòng';
    // Choosing nhanvien (94) as well would break the cap.
    expect(outcome(await decide(as('truongphong'), { personIds: staffIds, reason, chosen: [demo('nhanvien')] }))).toBe('QUOTA_EXCEEDED');
    expect(outcome(await decide(as('phophong'), { personIds: staffIds, reason }))).toBe('FORBIDDEN');
    const staffDecision = (await ok(decide(as('truongphong'), { personIds: staffIds, reason }))).decideEvaluations;
    expect(staffDecision).toMatchObject({ cap: staffCap, granted: 0, room: staffCap });
    expect(Object.fromEntries(staffDecision.members.map((m) => [walker(m.person.id).name, [m.score, m.band, m.grade]]))).toEqual(
      Object.fromEntries(staff.map((w) => [w.name, [expectedScore(w), bandOf(expectedScore(w)), expectedGrade.get(w.id)]])),
    );
    for (const m of staffDecision.members) {
      // The person graded B by the quota is told why; nobody else gets an explanation.
      if (m.band === 'A' && m.grade === 'B') expect(m.explanation).toMatch(new RegExp(`tối đa ${staffCap} người loại A`));
      else expect(m.explanation).toBeNull();
    }
    expect(staffDecision.members.filter((m) => m.grade === 'A')).toHaveLength(staffCap);

    // The chair may not decide the head before the people the head manages are decided (the deputies are not).
    await ok(setFactors(as('chutich'), head));
    const early = await decide(as('chutich'), { personIds: [head.id], reason: 'Chủ tịch UBND phường quyết định' });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.personIds' });

    // The deputies: their decider sets their organising and unity factors first.
    const deputyIds = deputies.map((w) => w.id);
    const noFactors = await decide(as('truongphong'), { personIds: deputyIds, reason });
    expect(outcome(noFactors)).toBe('BAD_USER_INPUT');
    expect(noFactors.errors![0]!.message).toMatch(/LEADER_FACTORS/);
    expect(outcome(await setFactors(as('phophong'), deputies.find((w) => w.id !== demo('phophong'))!))).toBe('FORBIDDEN');
    for (const w of deputies) await ok(setFactors(as('truongphong'), w));
    // d = 100 % (everyone phophong comments on scores at least 50; the exempt draft is left out; the
    // second deputy manages nobody). Both in the A band; the scope's A are all granted: both B.
    const room = scopeCap - staffCap;
    const deputiesInA = deputies.filter((w) => bandOf(expectedScore(w)) === 'A').sort((x, y) => expectedScore(y) - expectedScore(x));
    for (const w of deputies) expectedGrade.set(w.id, bandOf(expectedScore(w)) === 'A' ? (deputiesInA.indexOf(w) < room ? 'A' : 'B') : bandOf(expectedScore(w)));
    expect([room, deputiesInA.length, deputies.map((w) => expectedScore(w)).sort()]).toEqual([0, 2, [94.17, 98]]);
    const deputyDecision = (await ok(decide(as('truongphong'), { personIds: deputyIds, reason }))).decideEvaluations;
    expect(deputyDecision).toMatchObject({ cap: scopeCap, granted: staffCap, room });
    expect(Object.fromEntries(deputyDecision.members.map((m) => [walker(m.person.id).name, [m.score, m.band, m.grade]]))).toEqual(
      Object.fromEntries(deputies.map((w) => [w.name, [expectedScore(w), bandOf(expectedScore(w)), expectedGrade.get(w.id)]])),
    );
    const decidedScope = (await ok(t.gql<{ quotaGroups: { size: number; base: number; cap: number; granted: number; undecided: number; overCap: boolean }[] }>(
      as('truongphong'), 'query($d: ID!, $m: String!) { quotaGroups(deciderId: $d, month: $m) { size base cap granted undecided overCap } }', { d: demo('truongphong'), m: month }))).quotaGroups;
    expect(decidedScope).toEqual([{ size: scopeSize, base: reachingB(staff) + reachingB(deputies), cap: scopeCap, granted: scopeCap, undecided: 0, overCap: false }]);
  });

  it('5. publication: refused while the head is undecided; the chair decides the head; admin.chinhquyen publishes form 02A', async () => {
    const head = byRank('HEAD')[0]!;
    expect(outcome(await t.gql(as('truongphong'), 'mutation($u: ID!, $m: String!) { publishUnitMonth(unitId: $u, month: $m) { id } }', { u: office, m: month }))).toBe('FORBIDDEN');
    const refused = await publish();
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitId' });
    expect(refused.errors![0]!.message).toContain(head.name); // the one undecided; the exempt member holds nothing back

    // The chair's scope this month is the head alone: fewer than 5, one A may be granted.
    expect([expectedScore(head), bandOf(expectedScore(head)), capOf(1, 1)]).toEqual([99, 'A', 1]);
    expectedGrade.set(head.id, 'A');
    const headDecision = (await ok(decide(as('chutich'), { personIds: [head.id], reason: 'Chủ tịch UBND phường quyết định' }))).decideEvaluations;
    expect(headDecision).toMatchObject({ cap: capOf(1, 1), members: [{ person: { id: head.id }, score: 99, band: 'A', grade: 'A', explanation: null }] });

    const published = (await ok(publish())).publishUnitMonth;
    expect(Object.fromEntries(published.map((f) => [f.person.id, f.state]))).toEqual(Object.fromEntries([...walkers.map((w) => [w.id, 'PUBLISHED']), [exempt.id, 'DRAFT']]));

    // Form 02A, as nhanvien reads it: everyone but the exempt member, with the totals per grade.
    const announcement = (await announcementOf(as('nhanvien')))!;
    expect(announcement.unitName).toBe(officeName);
    expect(Object.fromEntries(announcement.rows.map((r) => [r.person.id, [r.finalScore, r.finalGrade, r.gradeLabel]]))).toEqual(
      Object.fromEntries(walkers.map((w) => [w.id, [expectedScore(w), expectedGrade.get(w.id), gradeLabels[expectedGrade.get(w.id)!]]])),
    );
    const count = (grade: string) => walkers.filter((w) => expectedGrade.get(w.id) === grade).length;
    expect(announcement.totals).toEqual(['A', 'B', 'C', 'D'].map((grade) => ({ grade, label: gradeLabels[grade], count: count(grade) })));
    expect([count('A'), count('B'), count('C'), count('D')]).toEqual([3, 15, 1, 0]);
    expect(announcement.rewardProposals.map((r) => r.person.id).sort()).toEqual(walkers.filter((w) => expectedGrade.get(w.id) === 'A').map((w) => w.id).sort());
    expect(announcement.rows.find((r) => r.person.id === demo('nhanvien'))!.quotaExplanation).toMatch(/^Điểm 94 đạt mức A/);

    // Form 01A, as the block administrator reads it: the exempt member with her reason, the head's grade blank.
    const { unitSummary } = await ok(t.gql<{ unitSummary: { published: boolean; rows: { section: string; person: { id: string }; finalGrade: string | null; exemption: string | null }[]; rewardProposals: { person: { id: string } }[] } }>(
      as('admin.chinhquyen'), 'query($u: ID!, $m: String!) { unitSummary(unitId: $u, month: $m) { published rows { section person { id } finalGrade exemption } rewardProposals { person { id } } } }', { u: office, m: month }));
    expect(unitSummary.published).toBe(true);
    const row = (id: string) => unitSummary.rows.find((r) => r.person.id === id)!;
    expect(unitSummary.rows).toHaveLength(walkers.length + 1);
    expect(row(exempt.id)).toMatchObject({ section: 'STAFF', finalGrade: null, exemption: 'Nghỉ thai sản' });
    expect(row(head.id)).toMatchObject({ section: 'LEADERS', finalGrade: null });
    expect(unitSummary.rows.filter((r) => r.section === 'LEADERS').map((r) => r.person.id).sort()).toEqual([head, ...byRank('DEPUTY')].map((w) => w.id).sort());
    expect(unitSummary.rows.filter((r) => r.section === 'CONTRACT')).toHaveLength(2);
    for (const w of walkers.filter((x) => x.rank !== 'HEAD')) expect([w.name, row(w.id).finalGrade]).toEqual([w.name, expectedGrade.get(w.id)]);
    expect(unitSummary.rewardProposals.map((r) => r.person.id).sort()).toEqual(byRank('STAFF').filter((w) => expectedGrade.get(w.id) === 'A').map((w) => w.id).sort());
  });

  it('6. the appeal: nhanvien appeals, the chair answers CHANGED, the head re-decides within the cap, answering the appeal', async () => {
    const nhanvien = walker(demo('nhanvien'));
    const published = await formOf(nhanvien.id);
    expect([published.state, published.finalScore, published.finalGrade]).toEqual(['PUBLISHED', 94, 'B']);
    const file = 'mutation($f: ID!, $t: String!) { appealEvaluation(formId: $f, kind: APPEAL, text: $t) { id kind status } }';
    expect(outcome(await t.gql(as('daumoi'), file, { f: published.id, t: 'Đề nghị xem xét lại' }))).toBe('FORBIDDEN'); // only the person appeals
    const { appealEvaluation: appeal } = await ok(t.gql<{ appealEvaluation: { id: string; kind: string; status: string } }>(as('nhanvien'), file, {
      f: published.id, t: 'Tôi đạt 94 điểm, đề nghị xem xét lại việc xếp loại Hoàn thành tốt nhiệm vụ',
    }));
    expect(appeal).toMatchObject({ kind: 'APPEAL', status: 'OPEN' });
    expect((await formOf(nhanvien.id)).finalGrade).toBe('B'); // the decision stands meanwhile

    // The next level above the decider (truongphong) is the one who decides truongphong: the chair.
    const answer = 'mutation($a: ID!) { answerAppeal(appealId: $a, status: CHANGED, outcome: "Đề nghị Trưởng phòng xem xét lại kết quả") { status decidedBy } }';
    for (const username of ['truongphong', 'phophong', 'phochutich']) expect([username, outcome(await t.gql(as(username), answer, { a: appeal.id }))]).toEqual([username, 'FORBIDDEN']);
    const answered = await ok(t.gql<{ answerAppeal: { status: string; decidedBy: string } }>(as('chutich'), answer, { a: appeal.id }));
    expect(answered.answerAppeal).toEqual({ status: 'CHANGED', decidedBy: 'chutich' });
    expect((await formOf(nhanvien.id)).state).toBe('COMMENTED'); // back to the decider, after the comment step

    // Re-deciding one person counts every member already decided: the scope's 2 A are held, 94 stays B.
    const { decideEvaluations } = await ok(decide(as('truongphong'), { personIds: [nhanvien.id], reason: 'Xét lại theo kiến nghị, sau ý kiến của Chủ tịch UBND phường' }));
    expect(decideEvaluations).toMatchObject({ cap: 2, granted: 2, room: 0, members: [{ person: { id: nhanvien.id }, score: expectedScore(nhanvien), band: 'A', grade: 'B' }] });
    expect(decideEvaluations.members[0]!.explanation).toMatch(/tối đa 2 người loại A/);
    const redecided = await formOf(nhanvien.id);
    expect(redecided).toMatchObject({ state: 'DECIDED', finalScore: 94, finalGrade: 'B', answersAppeal: { id: appeal.id, status: 'CHANGED' } });
    expect(redecided.appeals).toEqual([{ id: appeal.id, kind: 'APPEAL', status: 'CHANGED', decidedBy: 'chutich' }]);
    const audits = (await t.system.orm.em.fork().getConnection().execute(`select action from evaluation.audit_log where entity_id = ? order by id`, [redecided.id])) as { action: string }[];
    expect(audits.map((a) => a.action).slice(-3)).toEqual(['appeal.changed', 'form.decide', 'appeal.redecided']);

    // The block administrator publishes the re-decision; the announcement shows it.
    const republished = (await ok(publish())).publishUnitMonth;
    expect(republished.find((f) => f.person.id === nhanvien.id)!.state).toBe('PUBLISHED');
    const announcement = (await announcementOf(as('nhanvien')))!;
    expect(announcement.rows.find((r) => r.person.id === nhanvien.id)).toMatchObject({ finalScore: 94, finalGrade: 'B' });
    expect(announcement.totals.find((x) => x.grade === 'A')!.count).toBe(3);
  });
});

