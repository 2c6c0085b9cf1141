/**
 * Model-based test of the quota over a month (DOMAIN §6): one quota scope, possibly split into duty
 * groups, decided in batches, with reopenings, re-decisions, upheld appeals and transfers. The test
 * keeps its own books — who is in which group, who was decided with which score and grade — and
 * builds every decision's `standing` from them. After every step no group and no scope may hold
 * more A than its cap, computed here independently of the rules:
 *
 *   cap = 1 for fewer than 5 people (everyone in the pool counted), else
 *         ⌊N·p/(100+p)⌋ (GRADED_B) or ⌊p·N/100⌋ (B_BAND),
 *   N   = members decided (a reopened one still with its previous decision) whose score reaches B,
 *   p   = 20, or 25 for a pool whose percentage was raised.
 *
 * A decision the rules mark `exceeded` is refused: the books do not take it.
 */
import * as fc from 'fast-check';
import { applyQuota, decideGroup, policies } from './index';
import type { Grade, Policy, PoolStanding, QuotaResult } from './index';

type Base = 'GRADED_B' | 'B_BAND';
type Mode = 'free' | 'none' | 'over' | 'extra' | 'below';

interface Member {
  id: string;
  /** The current score in thousandths (so that x.xx5 rounding cases occur). */
  milli: number;
  group: number;
  state: 'undecided' | 'decided' | 'reopened';
  /** The decision that counts (kept while reopened, until re-decided). */
  decided: { hundredths: number; grade: Grade } | null;
}

interface World {
  policy: Policy;
  base: Base;
  members: Member[];
  groups: number;
  groupRaised: boolean[];
  scopeRaised: boolean;
  /** Someone in the scope was decided: the duty groups are fixed from then on. */
  firstDecisionTaken: boolean;
}

// --- The test's own arithmetic (integers only) ---------------------------------------------------

/** Half up to hundredths, from thousandths. */
const hundredthsOf = (milli: number) => Math.floor((milli + 5) / 10);
/** Hanoi bands 90 / 70 / 50 on the rounded score. */
const bandOf = (hundredths: number): Grade => (hundredths >= 9000 ? 'A' : hundredths >= 7000 ? 'B' : hundredths >= 5000 ? 'C' : 'D');
const reachesB = (hundredths: number) => hundredths >= 7000;
const floorDiv = (a: number, b: number) => (a - (a % b)) / b;
function modelCap(size: number, reachingB: number, raised: boolean, base: Base): number {
  if (size < 5) return 1;
  const p = raised ? 25 : 20;
  return base === 'GRADED_B' ? floorDiv(reachingB * p, 100 + p) : floorDiv(p * reachingB, 100);
}

/** What a pool holds outside the given batch: the books' `standing`. */
function holdings(members: Member[], outside: Set<string>): { size: number; reachingB: number; granted: number } {
  let reachingB = 0;
  let granted = 0;
  for (const m of members) {
    if (!m.decided || outside.has(m.id)) continue;
    if (reachesB(m.decided.hundredths)) reachingB++;
    if (m.decided.grade === 'A') granted++;
  }
  return { size: members.length, reachingB, granted };
}

const inGroup = (world: World, g: number) => world.members.filter((m) => m.group === g);

/** After every step: every pool within its cap, every grade its band (A-band: A or B). */
function checkBooks(world: World): void {
  const pools: { members: Member[]; raised: boolean }[] = [{ members: world.members, raised: world.scopeRaised }];
  for (let g = 0; g < world.groups; g++) pools.push({ members: inGroup(world, g), raised: world.groupRaised[g] });
  for (const { members, raised } of pools) {
    const held = holdings(members, new Set());
    expect(held.granted).toBeLessThanOrEqual(modelCap(held.size, held.reachingB, raised, world.base));
  }
  for (const m of world.members) {
    if (!m.decided) continue;
    const band = bandOf(m.decided.hundredths);
    if (band === 'A') expect(['A', 'B']).toContain(m.decided.grade);
    else expect(m.decided.grade).toBe(band);
  }
}

// --- Actions --------------------------------------------------------------------------------------

const milliArb = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 100_000 }), weight: 2 },
  // Whole scores high up: many people in the A band, many ties.
  { arbitrary: fc.integer({ min: 65, max: 96 }).map((n) => n * 1000), weight: 3 },
  { arbitrary: fc.constantFrom(93_000, 95_000), weight: 3 },
  { arbitrary: fc.constantFrom(89_995, 89_994, 90_000, 92_145, 92_150, 69_995, 69_994, 70_000), weight: 1 },
);
/** A changed score at a re-decision: often lower (the reason a cap may fall below the A granted). */
const rescoreArb = fc.option(fc.oneof({ arbitrary: milliArb, weight: 1 }, { arbitrary: fc.integer({ min: 0, max: 69_999 }), weight: 2 }), { nil: undefined });
const modeArb = fc.constantFrom<Mode>('free', 'free', 'none', 'over', 'extra', 'below');
/** Who of the awaiting members a batch takes: often all of them, else a random subset. */
const picksArb: fc.Arbitrary<readonly boolean[]> = fc.oneof(fc.constant([true] as const), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }));
const viaArb = fc.record({ decideGroup: fc.boolean(), nullScope: fc.boolean() });

type Action =
  | { kind: 'split'; k: number; seeds: number[]; raised: boolean[] }
  | { kind: 'decide'; g: number; picks: readonly boolean[]; withReopened: boolean; mode: Mode; via: { decideGroup: boolean; nullScope: boolean } }
  | { kind: 'reopen'; m: number }
  | { kind: 'redecide'; g: number; one: boolean; picks: readonly boolean[]; rescores: (number | undefined)[]; mode: Mode; via: { decideGroup: boolean; nullScope: boolean } }
  | { kind: 'appeal'; m: number; rise: number; mode: Mode; via: { decideGroup: boolean; nullScope: boolean } }
  | { kind: 'transfer'; m: number };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('split' as const),
      k: fc.integer({ min: 2, max: 4 }),
      seeds: fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
      raised: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('decide' as const), g: fc.nat(), picks: picksArb, withReopened: fc.constantFrom(false, false, false, true), mode: modeArb, via: viaArb }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('reopen' as const), m: fc.nat() }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant('redecide' as const),
      g: fc.nat(),
      // Mostly one person (re-decided after a reopening), sometimes several of a group at once.
      one: fc.constantFrom(true, true, true, false),
      picks: picksArb,
      rescores: fc.array(rescoreArb, { minLength: 30, maxLength: 30 }),
      mode: modeArb,
      via: viaArb,
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('appeal' as const), m: fc.nat(), rise: fc.integer({ min: 0, max: 15_000 }), mode: modeArb, via: viaArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('transfer' as const), m: fc.nat() }), weight: 2 },
);

/** How often each path was taken, over all runs: the test must reach them, not just pass. */
const seen = {
  decisionsApplied: 0,
  refusedExceeded: 0,
  refusedFromStanding: 0,
  refusedOverChoice: 0,
  awaitingChoice: 0,
  choicesMade: 0,
  belowTieRejected: 0,
  splitRefused: 0,
  splits: 0,
  transfers: 0,
  appeals: 0,
  redecisions: 0,
  scopeTighter: 0,
  aRefusedByQuota: 0,
};

/**
 * One decision of `batch` (members of group `g`; `scores` their scores for this decision). Returns
 * true when the books took it.
 */
function decide(world: World, g: number, batch: Member[], scores: Map<string, number>, mode: Mode, via: { decideGroup: boolean; nullScope: boolean }): boolean {
  const outside = new Set(batch.map((m) => m.id));
  const groupMembers = inGroup(world, g);
  const heldG = holdings(groupMembers, outside);
  const heldS = holdings(world.members, outside);
  // The group may stand for its scope only when it is the whole scope, raised alike.
  const groupIsScope = groupMembers.length === world.members.length && world.groupRaised[g] === world.scopeRaised;
  const scopeRaised = groupIsScope && via.nullScope ? world.groupRaised[g] : world.scopeRaised;
  const standing = {
    group: { ...heldG, raised: world.groupRaised[g] } satisfies PoolStanding,
    scope: groupIsScope && via.nullScope ? null : ({ ...heldS, raised: scopeRaised } satisfies PoolStanding),
  };
  // A re-decision names the grade it replaces: it counted in the pools until now.
  const people = batch.map((m) => ({ id: m.id, score: scores.get(m.id)! / 1000, prior: m.state === 'reopened' ? m.decided!.grade : null }));
  const hundredths = new Map(batch.map((m) => [m.id, hundredthsOf(scores.get(m.id)!)]));
  const band = (id: string) => bandOf(hundredths.get(id)!);
  const call = (chosen?: string[]): Pick<QuotaResult, 'grades' | 'group' | 'scope' | 'room' | 'needsChoice' | 'exceeded'> =>
    via.decideGroup ? decideGroup(people, { policy: world.policy, standing, chosen }) : applyQuota(people, world.policy, { standing, chosen });

  // The caps, independently.
  const batchReachingB = batch.filter((m) => reachesB(hundredths.get(m.id)!)).length;
  const capG = modelCap(heldG.size, heldG.reachingB + batchReachingB, world.groupRaised[g], world.base);
  const capS = modelCap(heldS.size, heldS.reachingB + batchReachingB, scopeRaised, world.base);
  const spare = Math.min(capG - heldG.granted, capS - heldS.granted);
  const room = Math.max(0, spare);
  if (capS - heldS.granted < capG - heldG.granted) seen.scopeTighter++;

  let r = call();
  expect(r.group.cap).toBe(capG);
  expect(r.scope.cap).toBe(capS);
  expect(r.group.base).toBe(heldG.reachingB + batchReachingB);
  expect(r.scope.base).toBe(heldS.reachingB + batchReachingB);
  expect(r.group.granted).toBe(heldG.granted);
  expect(r.scope.granted).toBe(heldS.granted);
  expect(r.room).toBe(room);
  for (const p of people) {
    // Nobody gets A outside the A band; every other grade is its band.
    if (band(p.id) === 'A') expect(['A', 'B']).toContain(r.grades[p.id]);
    else expect(r.grades[p.id]).toBe(band(p.id));
  }
  const aBand = people.filter((p) => band(p.id) === 'A').map((p) => p.id);
  /** Taking a result would leave the group or the scope above its cap. */
  const wouldExceed = (result: { grades: Record<string, Grade> }) => {
    const given = people.filter((p) => result.grades[p.id] === 'A').length;
    return heldG.granted + given > capG || heldS.granted + given > capS;
  };
  const passedOver = () => aBand.filter((id) => r.grades[id] === 'B' && !r.needsChoice.includes(id));

  if (r.needsChoice.length > 0) {
    // The tied share one rounded score, are graded B, and outnumber the free places.
    expect(new Set(r.needsChoice.map((id) => hundredths.get(id))).size).toBe(1);
    for (const id of r.needsChoice) expect(r.grades[id]).toBe('B');
    const free = room - Object.values(r.grades).filter((x) => x === 'A').length;
    expect(r.needsChoice.length).toBeGreaterThan(free);
    if (mode === 'none') {
      seen.awaitingChoice++;
      return false; // the decision waits for the decider's choice
    }
    const below = passedOver();
    if (mode === 'below' && below.length > 0) {
      // A lower score cannot take a free place before the tied.
      expect(() => call([below[0]])).toThrow(/^chosen\[0\] /);
      seen.belowTieRejected++;
    }
    if (mode === 'over') {
      const over = call(r.needsChoice.slice(0, free + 1));
      expect(over.exceeded).toBe(true);
      expect(wouldExceed(over)).toBe(true);
      seen.refusedOverChoice++;
    }
    r = call(r.needsChoice.slice(0, free));
    seen.choicesMade++;
    expect(r.needsChoice).toEqual([]);
  } else if ((mode === 'extra' || mode === 'over') && passedOver().length > 0) {
    // One more A than the quota gives: refused, then decided as the quota gives.
    const extra = call([passedOver()[0]]);
    expect(extra.exceeded).toBe(true);
    expect(wouldExceed(extra)).toBe(true);
    seen.refusedOverChoice++;
  }

  // `exceeded` exactly when taking the decision would leave a pool above its cap.
  const givenA = people.filter((p) => r.grades[p.id] === 'A');
  expect(r.exceeded).toBe(wouldExceed(r));
  if (r.exceeded) {
    seen.refusedExceeded++;
    if (spare < 0) seen.refusedFromStanding++;
    return false;
  }
  // Taken: the room is used (all of it, or the whole A band), by the best scores.
  expect(givenA.length).toBe(Math.min(room, aBand.length));
  const passed = aBand.filter((id) => r.grades[id] === 'B').map((id) => hundredths.get(id)!);
  if (passed.length > 0) seen.aRefusedByQuota++;
  if (givenA.length > 0 && passed.length > 0) expect(Math.min(...givenA.map((p) => hundredths.get(p.id)!))).toBeGreaterThanOrEqual(Math.max(...passed));
  for (const m of batch) {
    m.milli = scores.get(m.id)!;
    m.state = 'decided';
    m.decided = { hundredths: hundredths.get(m.id)!, grade: r.grades[m.id] };
  }
  world.firstDecisionTaken = true;
  seen.decisionsApplied++;
  return true;
}

function pickSubset<T>(items: T[], picks: readonly boolean[]): T[] {
  const chosen = items.filter((_, i) => picks[i % picks.length]);
  return chosen.length > 0 ? chosen : items.slice(0, 1);
}

function step(world: World, action: Action): void {
  switch (action.kind) {
    case 'split': {
      // Duty groups are data fixed before the scope's first decision: the books refuse a later split.
      if (world.firstDecisionTaken) {
        seen.splitRefused++;
        return;
      }
      world.groups = action.k;
      world.groupRaised = action.raised.slice(0, action.k);
      world.members.forEach((m, i) => (m.group = action.seeds[i % action.seeds.length] % action.k));
      seen.splits++;
      return;
    }
    case 'decide': {
      const groups = [...new Set(world.members.filter((m) => m.state === 'undecided' || (action.withReopened && m.state === 'reopened')).map((m) => m.group))];
      if (groups.length === 0) return;
      const g = groups[action.g % groups.length];
      const awaiting = inGroup(world, g).filter((m) => m.state === 'undecided' || (action.withReopened && m.state === 'reopened'));
      const batch = pickSubset(awaiting, action.picks);
      decide(world, g, batch, new Map(batch.map((m) => [m.id, m.milli])), action.mode, action.via);
      return;
    }
    case 'reopen': {
      const decided = world.members.filter((m) => m.state === 'decided');
      if (decided.length === 0) return;
      decided[action.m % decided.length].state = 'reopened'; // keeps counting with its decision
      return;
    }
    case 'redecide': {
      const reopened = world.members.filter((m) => m.state === 'reopened');
      if (reopened.length === 0) return;
      const g = reopened[action.g % reopened.length].group;
      const batch = action.one ? [reopened[action.g % reopened.length]] : pickSubset(inGroup(world, g).filter((m) => m.state === 'reopened'), action.picks);
      // A re-decision may come with changed scores (the reason for the reopening).
      const scores = new Map(batch.map((m, i) => [m.id, action.rescores[i] ?? m.milli]));
      if (decide(world, g, batch, scores, action.mode, action.via)) seen.redecisions++;
      return;
    }
    case 'appeal': {
      // Upheld appeal: reopen, then re-decide that one person with the raised score.
      const decided = world.members.filter((m) => m.state === 'decided');
      if (decided.length === 0) return;
      const m = decided[action.m % decided.length];
      m.state = 'reopened';
      const raisedScore = Math.min(100_000, m.milli + action.rise);
      if (decide(world, m.group, [m], new Map([[m.id, raisedScore]]), action.mode, action.via)) seen.appeals++;
      return;
    }
    case 'transfer': {
      // Only someone never decided leaves (group and scope); decided members never move.
      const undecided = world.members.filter((m) => m.state === 'undecided');
      if (undecided.length === 0) return;
      const leaving = undecided[action.m % undecided.length];
      world.members = world.members.filter((m) => m !== leaving);
      seen.transfers++;
      return;
    }
  }
}

describe('quota model: a month of decisions in one scope', () => {
  const scenarioArb = fc.record({
    policy: fc.constantFrom(policies.hanoi2026, policies.hanoi2022),
    base: fc.constantFrom<Base>('GRADED_B', 'B_BAND'),
    raised: fc.boolean(),
    // Any size from 1 to 30, often 5–13, where the law's step (⌊N/6⌋ = 0 or 1) bites.
    scores: fc.oneof(fc.array(milliArb, { minLength: 1, maxLength: 30 }), fc.array(milliArb, { minLength: 5, maxLength: 13 })),
    actions: fc.array(actionArb, { minLength: 1, maxLength: 40 }),
  });

  it('no group and no scope ever holds more A than its cap; an exceeded decision is refused', () => {
    fc.assert(
      fc.property(scenarioArb, ({ policy, base, raised, scores, actions }) => {
        const world: World = {
          policy: { ...policy, quota: { ...policy.quota!, base } },
          base,
          members: scores.map((milli, i) => ({ id: `m${i}`, milli, group: 0, state: 'undecided', decided: null })),
          groups: 1,
          groupRaised: [raised],
          scopeRaised: raised,
          firstDecisionTaken: false,
        };
        checkBooks(world);
        for (const action of actions) {
          step(world, action);
          checkBooks(world);
        }
      }),
      { numRuns: 1000 },
    );
    // Every path of the model was exercised.
    for (const [path, count] of Object.entries(seen)) expect([path, count > 0]).toEqual([path, true]);
  });
});
