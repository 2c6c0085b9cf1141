/** The monthly cycle workflow's decision logic: schedule, due events, actors, password deadlines. */
import * as fc from 'fast-check';
import {
  accountsToLock,
  actorStatus,
  review360Reminders,
  localMonthOf,
  actorsForEvent,
  actorsToRemind,
  cycleSchedule,
  cycleWindow,
  dueEvents,
  missedActors,
  monthDeadlines,
  monthOpensAt,
  nextEvents,
  passwordDeadline,
  policies,
  reopenedSchedule,
  sortEvents,
  stepDeadline,
  validatePolicy,
} from './index';
import type { ActorStepState, CycleEvent, Policy } from './index';

const { hanoi2026, hanoi2022, quangTri2019 } = policies;

/** One line per event: easy to read in a failure and exact on every field that matters. */
const lines = (events: readonly CycleEvent[]) => events.map((e) => `${e.at} ${e.kind} ${e.step} ${e.audience} ${e.key}`);
const byKey = (events: readonly CycleEvent[], key: string): CycleEvent => {
  const found = events.find((e) => e.key === key);
  if (!found) throw new Error(`no event ${key}`);
  return found;
};
const withReminders = (daysBefore: number[], localHour = 8, base: Policy = hanoi2026): Policy => ({
  ...base,
  reminders: { daysBefore, localHour },
});

describe('cycleSchedule: November 2026 under Hanoi 2026', () => {
  const s = cycleSchedule(2026, 11, hanoi2026);

  it('lists every event at its real instant (08:00 Hanoi = 01:00Z; "before day N" = (N−1)T17:00Z)', () => {
    expect(lines(s)).toEqual([
      '2026-10-31T17:00:00Z OPEN plan ACTOR 2026-11/plan/open',
      '2026-10-31T17:00:00Z OPEN selfAssessment ACTOR 2026-11/self/open',
      '2026-11-22T01:00:00Z REMIND selfAssessment ACTOR 2026-11/self/remind-3d',
      '2026-11-23T01:00:00Z REMIND comment ACTOR 2026-11/comment/remind-3d',
      '2026-11-24T01:00:00Z REMIND selfAssessment ACTOR 2026-11/self/remind-1d',
      '2026-11-24T17:00:00Z CLOSE selfAssessment ACTOR 2026-11/self/close',
      '2026-11-24T17:00:00Z ESCALATE_SUPERIOR selfAssessment SUPERIOR 2026-11/self/escalate-superior',
      '2026-11-25T01:00:00Z REMIND comment ACTOR 2026-11/comment/remind-1d',
      '2026-11-25T01:00:00Z REMIND decision ACTOR 2026-11/decision/remind-3d',
      // One step later: the self-assessment's block-admin escalation comes at the comment deadline.
      '2026-11-25T17:00:00Z ESCALATE_BLOCK_ADMIN selfAssessment BLOCK_ADMIN 2026-11/self/escalate-block-admin',
      '2026-11-25T17:00:00Z CLOSE comment ACTOR 2026-11/comment/close',
      '2026-11-25T17:00:00Z ESCALATE_SUPERIOR comment SUPERIOR 2026-11/comment/escalate-superior',
      '2026-11-27T01:00:00Z REMIND decision ACTOR 2026-11/decision/remind-1d',
      '2026-11-27T17:00:00Z ESCALATE_BLOCK_ADMIN comment BLOCK_ADMIN 2026-11/comment/escalate-block-admin',
      '2026-11-27T17:00:00Z CLOSE decision ACTOR 2026-11/decision/close',
      '2026-11-27T17:00:00Z ESCALATE_NEXT_AUTHORITY decision NEXT_AUTHORITY 2026-11/decision/escalate-next-authority',
      '2026-12-02T01:00:00Z REMIND publication BLOCK_AGGREGATOR 2026-11/publication/remind-3d',
      '2026-12-04T01:00:00Z REMIND publication BLOCK_AGGREGATOR 2026-11/publication/remind-1d',
      '2026-12-04T17:00:00Z ESCALATE_BLOCK_ADMIN decision BLOCK_ADMIN 2026-11/decision/escalate-block-admin',
      '2026-12-04T17:00:00Z CLOSE publication BLOCK_AGGREGATOR 2026-11/publication/close',
      '2026-12-04T17:00:00Z ESCALATE_SUPERIOR publication SUPERIOR 2026-11/publication/escalate-superior',
      // The last step has no next one: blockAdminAfterLastStepDays (3) after its deadline.
      '2026-12-07T17:00:00Z ESCALATE_BLOCK_ADMIN publication BLOCK_ADMIN 2026-11/publication/escalate-block-admin',
    ]);
  });

  it('takes every deadline from monthDeadlines and carries it on each event', () => {
    const d = monthDeadlines(2026, 11, hanoi2026);
    for (const e of s) {
      if (e.kind === 'OPEN') {
        expect(e.deadline).toBeNull();
        continue;
      }
      expect(e.deadline).toBe(d[e.step as keyof typeof d]);
      if (e.kind === 'CLOSE') expect(e.at).toBe(e.deadline);
    }
    expect(byKey(s, '2026-11/self/remind-3d')).toEqual({
      at: '2026-11-22T01:00:00Z',
      kind: 'REMIND',
      step: 'selfAssessment',
      audience: 'ACTOR',
      key: '2026-11/self/remind-3d',
      deadline: '2026-11-24T17:00:00Z',
      daysBefore: 3,
      actorId: null,
      reopenedUntil: null,
    });
  });

  it('is plain data: JSON round-trips, and the same inputs give the same schedule', () => {
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(cycleSchedule(2026, 11, hanoi2026)).toEqual(s);
    expect(cycleSchedule(2026, 11)).toEqual(s); // hanoi2026 is the default
  });

  it('escalates a missed decision to the next authority, never to the superior', () => {
    const decision = s.filter((e) => e.step === 'decision');
    expect(decision.map((e) => e.kind)).toEqual(['REMIND', 'REMIND', 'CLOSE', 'ESCALATE_NEXT_AUTHORITY', 'ESCALATE_BLOCK_ADMIN']);
    expect(s.filter((e) => e.kind === 'ESCALATE_NEXT_AUTHORITY').map((e) => e.step)).toEqual(['decision']);
  });

  it('sends publication reminders to the block aggregator', () => {
    const publication = s.filter((e) => e.step === 'publication' && (e.kind === 'REMIND' || e.kind === 'CLOSE'));
    expect(publication.map((e) => e.audience)).toEqual(['BLOCK_AGGREGATOR', 'BLOCK_AGGREGATOR', 'BLOCK_AGGREGATOR']);
    expect(s.filter((e) => e.audience === 'BLOCK_AGGREGATOR').every((e) => e.step === 'publication')).toBe(true);
  });

  it('has unique keys and is sorted, closes before escalations at one instant', () => {
    expect(new Set(s.map((e) => e.key)).size).toBe(s.length);
    const ms = s.map((e) => Date.parse(e.at));
    expect(ms).toEqual([...ms].sort((a, b) => a - b));
    expect(sortEvents([...s].reverse())).toEqual(s);
  });

  it('opens the 360° round only where the policy runs one (Quảng Trị 2019)', () => {
    expect(s.some((e) => e.step === 'review360')).toBe(false);
    const q = cycleSchedule(2026, 11, quangTri2019);
    expect(lines(q.filter((e) => e.kind === 'OPEN'))).toEqual([
      '2026-10-31T17:00:00Z OPEN plan ACTOR 2026-11/plan/open',
      '2026-10-31T17:00:00Z OPEN review360 ACTOR 2026-11/review360/open',
      '2026-10-31T17:00:00Z OPEN selfAssessment ACTOR 2026-11/self/open',
    ]);
  });
});

describe('cycleSchedule: December 2026 has its own calendar (all before 15 December)', () => {
  const s = cycleSchedule(2026, 12, hanoi2026);

  it('lists every event at its real instant', () => {
    expect(lines(s)).toEqual([
      '2026-11-30T17:00:00Z OPEN plan ACTOR 2026-12/plan/open',
      '2026-11-30T17:00:00Z OPEN selfAssessment ACTOR 2026-12/self/open',
      '2026-12-07T01:00:00Z REMIND selfAssessment ACTOR 2026-12/self/remind-3d',
      '2026-12-08T01:00:00Z REMIND comment ACTOR 2026-12/comment/remind-3d',
      '2026-12-09T01:00:00Z REMIND selfAssessment ACTOR 2026-12/self/remind-1d',
      '2026-12-09T17:00:00Z CLOSE selfAssessment ACTOR 2026-12/self/close',
      '2026-12-09T17:00:00Z ESCALATE_SUPERIOR selfAssessment SUPERIOR 2026-12/self/escalate-superior',
      '2026-12-10T01:00:00Z REMIND comment ACTOR 2026-12/comment/remind-1d',
      '2026-12-10T01:00:00Z REMIND decision ACTOR 2026-12/decision/remind-3d',
      '2026-12-10T17:00:00Z ESCALATE_BLOCK_ADMIN selfAssessment BLOCK_ADMIN 2026-12/self/escalate-block-admin',
      '2026-12-10T17:00:00Z CLOSE comment ACTOR 2026-12/comment/close',
      '2026-12-10T17:00:00Z ESCALATE_SUPERIOR comment SUPERIOR 2026-12/comment/escalate-superior',
      '2026-12-12T01:00:00Z REMIND decision ACTOR 2026-12/decision/remind-1d',
      '2026-12-12T01:00:00Z REMIND publication BLOCK_AGGREGATOR 2026-12/publication/remind-3d',
      '2026-12-12T17:00:00Z ESCALATE_BLOCK_ADMIN comment BLOCK_ADMIN 2026-12/comment/escalate-block-admin',
      '2026-12-12T17:00:00Z CLOSE decision ACTOR 2026-12/decision/close',
      '2026-12-12T17:00:00Z ESCALATE_NEXT_AUTHORITY decision NEXT_AUTHORITY 2026-12/decision/escalate-next-authority',
      '2026-12-14T01:00:00Z REMIND publication BLOCK_AGGREGATOR 2026-12/publication/remind-1d',
      '2026-12-14T17:00:00Z ESCALATE_BLOCK_ADMIN decision BLOCK_ADMIN 2026-12/decision/escalate-block-admin',
      '2026-12-14T17:00:00Z CLOSE publication BLOCK_AGGREGATOR 2026-12/publication/close',
      '2026-12-14T17:00:00Z ESCALATE_SUPERIOR publication SUPERIOR 2026-12/publication/escalate-superior',
      '2026-12-17T17:00:00Z ESCALATE_BLOCK_ADMIN publication BLOCK_ADMIN 2026-12/publication/escalate-block-admin',
    ]);
  });

  it('finishes every step inside December, before local midnight starting the 15th', () => {
    const fifteenth = Date.parse('2026-12-14T17:00:00Z');
    for (const e of s) if (e.kind !== 'ESCALATE_BLOCK_ADMIN') expect(Date.parse(e.at)).toBeLessThanOrEqual(fifteenth);
    expect(cycleWindow(2026, 12, hanoi2026)).toEqual({ opensAt: '2026-11-30T17:00:00Z', closesAt: '2026-12-17T17:00:00Z' });
  });

  it('keys differ from November’s (the month is in the key)', () => {
    const november = new Set(cycleSchedule(2026, 11, hanoi2026).map((e) => e.key));
    expect(s.some((e) => november.has(e.key))).toBe(false);
  });
});

describe('cycleSchedule: Hanoi 2022 has no comment step', () => {
  const s = cycleSchedule(2022, 3, hanoi2022);

  it('lists every event; the self-assessment escalates to the block admin at the decision deadline', () => {
    expect(lines(s)).toEqual([
      '2022-02-28T17:00:00Z OPEN plan ACTOR 2022-03/plan/open',
      '2022-02-28T17:00:00Z OPEN selfAssessment ACTOR 2022-03/self/open',
      '2022-03-22T01:00:00Z REMIND selfAssessment ACTOR 2022-03/self/remind-3d',
      '2022-03-24T01:00:00Z REMIND selfAssessment ACTOR 2022-03/self/remind-1d',
      '2022-03-24T17:00:00Z CLOSE selfAssessment ACTOR 2022-03/self/close',
      '2022-03-24T17:00:00Z ESCALATE_SUPERIOR selfAssessment SUPERIOR 2022-03/self/escalate-superior',
      '2022-03-25T01:00:00Z REMIND decision ACTOR 2022-03/decision/remind-3d',
      '2022-03-27T01:00:00Z REMIND decision ACTOR 2022-03/decision/remind-1d',
      '2022-03-27T17:00:00Z ESCALATE_BLOCK_ADMIN selfAssessment BLOCK_ADMIN 2022-03/self/escalate-block-admin',
      '2022-03-27T17:00:00Z CLOSE decision ACTOR 2022-03/decision/close',
      '2022-03-27T17:00:00Z ESCALATE_NEXT_AUTHORITY decision NEXT_AUTHORITY 2022-03/decision/escalate-next-authority',
      '2022-04-02T01:00:00Z REMIND publication BLOCK_AGGREGATOR 2022-03/publication/remind-3d',
      '2022-04-04T01:00:00Z REMIND publication BLOCK_AGGREGATOR 2022-03/publication/remind-1d',
      '2022-04-04T17:00:00Z ESCALATE_BLOCK_ADMIN decision BLOCK_ADMIN 2022-03/decision/escalate-block-admin',
      '2022-04-04T17:00:00Z CLOSE publication BLOCK_AGGREGATOR 2022-03/publication/close',
      '2022-04-04T17:00:00Z ESCALATE_SUPERIOR publication SUPERIOR 2022-03/publication/escalate-superior',
      '2022-04-07T17:00:00Z ESCALATE_BLOCK_ADMIN publication BLOCK_ADMIN 2022-03/publication/escalate-block-admin',
    ]);
    expect(s.some((e) => e.step === 'comment')).toBe(false);
  });

  it('a delegated 2022 comment gets no events of its own: it is due with the decision (DOMAIN §3)', () => {
    const comment = stepDeadline(2022, 3, 'comment', '2022-03-01T00:00:00Z', { policy: hanoi2022 });
    expect(comment.step).toBe('comment');
    expect(comment.deadline).toBe(byKey(s, '2022-03/decision/close').at);
    // Reminded and closed as the decision's events, not as a comment's.
    expect([...new Set(s.filter((e) => e.deadline === comment.deadline).map((e) => e.step))]).toEqual(['decision']);
  });

  it('December 2022 too', () => {
    const dec = cycleSchedule(2022, 12, hanoi2022);
    expect(dec.some((e) => e.step === 'comment')).toBe(false);
    expect(byKey(dec, '2022-12/self/escalate-block-admin').at).toBe('2022-12-12T17:00:00Z');
    expect(byKey(dec, '2022-12/publication/close').at).toBe('2022-12-14T17:00:00Z');
  });
});

describe('reminder settings', () => {
  it('a custom [5]: one reminder per step, five days ahead (four days before the last day)', () => {
    const s = cycleSchedule(2026, 11, withReminders([5]));
    expect(lines(s.filter((e) => e.kind === 'REMIND'))).toEqual([
      '2026-11-20T01:00:00Z REMIND selfAssessment ACTOR 2026-11/self/remind-5d',
      '2026-11-21T01:00:00Z REMIND comment ACTOR 2026-11/comment/remind-5d',
      '2026-11-23T01:00:00Z REMIND decision ACTOR 2026-11/decision/remind-5d',
      '2026-11-30T01:00:00Z REMIND publication BLOCK_AGGREGATOR 2026-11/publication/remind-5d',
    ]);
  });

  it('the local hour is a setting (14:00 Hanoi = 07:00Z)', () => {
    const s = cycleSchedule(2026, 11, withReminders([1], 14));
    expect(byKey(s, '2026-11/self/remind-1d').at).toBe('2026-11-24T07:00:00Z');
    expect(byKey(cycleSchedule(2026, 11, withReminders([1], 0)), '2026-11/self/remind-1d').at).toBe('2026-11-23T17:00:00Z');
  });

  it('skips a reminder that would fall before the month opens', () => {
    // December: self before the 10th; 10 days ahead is 30 November, before December opens.
    const s = cycleSchedule(2026, 12, withReminders([10, 3]));
    const reminders = lines(s.filter((e) => e.kind === 'REMIND'));
    expect(reminders).toEqual([
      '2026-12-01T01:00:00Z REMIND comment ACTOR 2026-12/comment/remind-10d',
      '2026-12-03T01:00:00Z REMIND decision ACTOR 2026-12/decision/remind-10d',
      '2026-12-05T01:00:00Z REMIND publication BLOCK_AGGREGATOR 2026-12/publication/remind-10d',
      '2026-12-07T01:00:00Z REMIND selfAssessment ACTOR 2026-12/self/remind-3d',
      '2026-12-08T01:00:00Z REMIND comment ACTOR 2026-12/comment/remind-3d',
      '2026-12-10T01:00:00Z REMIND decision ACTOR 2026-12/decision/remind-3d',
      '2026-12-12T01:00:00Z REMIND publication BLOCK_AGGREGATOR 2026-12/publication/remind-3d',
    ]);
    expect(s.some((e) => e.key === '2026-12/self/remind-10d')).toBe(false);
    // …and none at all when every day is too early.
    expect(cycleSchedule(2026, 12, withReminders([31])).filter((e) => e.kind === 'REMIND')).toEqual([]);
  });

  it('no reminders when the list is empty', () => {
    expect(cycleSchedule(2026, 11, withReminders([])).some((e) => e.kind === 'REMIND')).toBe(false);
  });

  it('a fixed block-admin delay replaces "one step later"', () => {
    const p: Policy = { ...hanoi2026, escalation: { blockAdminAfterDays: 2, blockAdminAfterLastStepDays: 3 } };
    const s = cycleSchedule(2026, 11, p);
    expect(lines(s.filter((e) => e.kind === 'ESCALATE_BLOCK_ADMIN'))).toEqual([
      '2026-11-26T17:00:00Z ESCALATE_BLOCK_ADMIN selfAssessment BLOCK_ADMIN 2026-11/self/escalate-block-admin',
      '2026-11-27T17:00:00Z ESCALATE_BLOCK_ADMIN comment BLOCK_ADMIN 2026-11/comment/escalate-block-admin',
      '2026-11-29T17:00:00Z ESCALATE_BLOCK_ADMIN decision BLOCK_ADMIN 2026-11/decision/escalate-block-admin',
      '2026-12-06T17:00:00Z ESCALATE_BLOCK_ADMIN publication BLOCK_ADMIN 2026-11/publication/escalate-block-admin',
    ]);
  });

  it('every preset reminds on [3, 1] at 08:00 and validates; bad settings are reported', () => {
    for (const p of Object.values(policies)) {
      expect(p.reminders).toEqual({ daysBefore: [3, 1], localHour: 8 });
      expect(p.escalation).toEqual({ blockAdminAfterDays: null, blockAdminAfterLastStepDays: 3 });
      expect(validatePolicy(p)).toEqual([]);
    }
    const bad: Policy = {
      ...hanoi2026,
      reminders: { daysBefore: [3, 3, 0], localHour: 24 },
      escalation: { blockAdminAfterDays: 0, blockAdminAfterLastStepDays: 1.5 },
      accounts: { passwordChangeDays: 0 },
    };
    expect(validatePolicy(bad)).toEqual([
      'accounts.passwordChangeDays must be a whole number of days from 1 to 366',
      'reminders.daysBefore must be distinct whole days from 1 to 31',
      'reminders.localHour must be a whole hour from 0 to 23',
      'escalation.blockAdminAfterDays must be null or whole days from 1 to 31',
      'escalation.blockAdminAfterLastStepDays must be whole days from 1 to 31',
    ]);
  });

  it('refuses bad input, naming the field', () => {
    expect(() => cycleSchedule(2026, 13)).toThrow(/^month/);
    expect(() => cycleSchedule(2026.5, 1)).toThrow(/^year/);
    expect(() => cycleSchedule(2026, 11, withReminders([3, 3]))).toThrow(/^policy\.reminders\.daysBefore must not repeat/);
    expect(() => cycleSchedule(2026, 11, withReminders([0]))).toThrow(/^policy\.reminders\.daysBefore\[0\]/);
    expect(() => cycleSchedule(2026, 11, withReminders([1], 8.5))).toThrow(/^policy\.reminders\.localHour/);
    const noEscalation = { ...hanoi2026, escalation: undefined } as unknown as Policy;
    expect(() => cycleSchedule(2026, 11, noEscalation)).toThrow(/^policy\.escalation must be an object/);
    expect(() => cycleSchedule(2026, 11, null as unknown as Policy)).toThrow(/^policy/);
    expect(() => cycleSchedule(2026, 11, withReminders([1]))).not.toThrow();
  });

  it('monthOpensAt is local midnight starting day 1', () => {
    expect(monthOpensAt(2026, 1)).toBe('2025-12-31T17:00:00Z');
    expect(monthOpensAt(2026, 3, hanoi2022)).toBe('2026-02-28T17:00:00Z');
  });
});

describe('nextEvents and dueEvents', () => {
  const s = cycleSchedule(2026, 11, hanoi2026);

  it('nextEvents: every event at the earliest instant at or after now', () => {
    expect(lines(nextEvents(s, '2026-10-01T00:00:00Z'))).toEqual([
      '2026-10-31T17:00:00Z OPEN plan ACTOR 2026-11/plan/open',
      '2026-10-31T17:00:00Z OPEN selfAssessment ACTOR 2026-11/self/open',
    ]);
    expect(nextEvents(s, '2026-11-24T17:00:00Z').map((e) => e.key)).toEqual(['2026-11/self/close', '2026-11/self/escalate-superior']);
    // An instant written with an offset: 00:00:01 local = 17:00:01Z.
    expect(nextEvents(s, '2026-11-25T00:00:01+07:00').map((e) => e.key)).toEqual([
      '2026-11/comment/remind-1d',
      '2026-11/decision/remind-3d',
    ]);
    expect(nextEvents(s, '2026-12-07T17:00:00.001Z')).toEqual([]);
  });

  it('dueEvents: (from, to] windows neither repeat nor miss an event', () => {
    expect(dueEvents(s, null, '2026-10-31T17:00:00Z').map((e) => e.key)).toEqual(['2026-11/plan/open', '2026-11/self/open']);
    expect(dueEvents(s, '2026-11-24T17:00:00Z', '2026-11-25T17:00:00Z').map((e) => e.key)).toEqual([
      '2026-11/comment/remind-1d',
      '2026-11/decision/remind-3d',
      '2026-11/self/escalate-block-admin',
      '2026-11/comment/close',
      '2026-11/comment/escalate-superior',
    ]);
    const cuts = ['2026-11-01T00:00:00Z', '2026-11-24T17:00:00Z', '2026-11-24T17:00:00Z', '2026-11-30T00:00:00Z', '2027-01-01T00:00:00Z'];
    const all: CycleEvent[] = [];
    let from: string | null = null;
    for (const to of cuts) {
      all.push(...dueEvents(s, from, to));
      from = to;
    }
    expect(all).toEqual(s);
    expect(dueEvents(s, '2026-11-10T00:00:00Z', '2026-11-10T00:00:00Z')).toEqual([]);
  });

  it('refuses instants without an offset and windows that run backwards', () => {
    expect(() => nextEvents(s, '2026-11-24 17:00')).toThrow(/^now must be an ISO-8601 instant/);
    expect(() => dueEvents(s, '2026-11-25T00:00:00Z', '2026-11-24T00:00:00Z')).toThrow(/^to must not be before from/);
    expect(() => dueEvents('x' as unknown as CycleEvent[], null, '2026-11-24T00:00:00Z')).toThrow(/^schedule must be an array/);
    expect(() => nextEvents([{ ...s[0], at: 'soon' }], '2026-11-24T00:00:00Z')).toThrow(/^schedule\[0\]\.at/);
  });
});

describe('actors: who is reminded, who missed (reopened steps)', () => {
  const s = cycleSchedule(2026, 11, hanoi2026);
  const deadline = '2026-11-24T17:00:00Z'; // self-assessment, before 25 November
  // p2's form was sent back on 20 November for 7 days (reopenForm: now + days × 24 h).
  const actors: ActorStepState[] = [
    { id: 'p1', done: false },
    { id: 'p2', done: false, reopenedUntil: '2026-11-27T03:30:00Z' },
    { id: 'p3', done: true },
    { id: 'p4', done: false, reopenedUntil: null },
  ];

  it('actorStatus: OPEN before the deadline, then REOPENED or MISSED; DONE whenever done', () => {
    expect(actorStatus(actors[0], deadline, '2026-11-24T16:59:59Z')).toBe('OPEN');
    expect(actorStatus(actors[0], deadline, deadline)).toBe('MISSED');
    expect(actorStatus(actors[1], deadline, deadline)).toBe('REOPENED');
    expect(actorStatus(actors[1], deadline, '2026-11-27T03:29:59Z')).toBe('REOPENED');
    expect(actorStatus(actors[1], deadline, '2026-11-27T03:30:00Z')).toBe('MISSED');
    expect(actorStatus(actors[2], deadline, '2027-01-01T00:00:00Z')).toBe('DONE');
    // A reopening never shortens the general deadline.
    expect(actorStatus({ id: 'p5', done: false, reopenedUntil: '2026-11-20T00:00:00Z' }, deadline, '2026-11-22T00:00:00Z')).toBe('OPEN');
  });

  it('a reopened actor is not missing at the general deadline, and is after their own', () => {
    const close = byKey(s, '2026-11/self/close');
    expect(actorsForEvent(close, actors).map((a) => a.id)).toEqual(['p1', 'p4']);
    expect(actorsForEvent(byKey(s, '2026-11/self/escalate-superior'), actors).map((a) => a.id)).toEqual(['p1', 'p4']);
    expect(actorsForEvent(byKey(s, '2026-11/self/escalate-block-admin'), actors).map((a) => a.id)).toEqual(['p1', 'p4']);
    expect(missedActors(actors, deadline, '2026-11-27T03:30:00Z').map((a) => a.id)).toEqual(['p1', 'p2', 'p4']);
    expect(actorsToRemind(actors, deadline, '2026-11-26T00:00:00Z').map((a) => a.id)).toEqual(['p2']);
  });

  it('general reminders go to everyone not done; OPEN concerns everybody', () => {
    expect(actorsForEvent(byKey(s, '2026-11/self/remind-3d'), actors).map((a) => a.id)).toEqual(['p1', 'p2', 'p4']);
    expect(actorsForEvent(byKey(s, '2026-11/self/open'), actors)).toEqual(actors);
  });

  it('reopenedSchedule: the actor’s own reminders, close and escalations', () => {
    const own = reopenedSchedule({
      year: 2026,
      month: 11,
      step: 'selfAssessment',
      actorId: 'p2',
      reopenedAt: '2026-11-20T03:30:00Z',
      reopenedUntil: '2026-11-27T03:30:00Z',
    });
    const prefix = '2026-11/self/reopened/p2/2026-11-27T03:30:00Z';
    expect(lines(own)).toEqual([
      `2026-11-25T01:00:00Z REMIND selfAssessment ACTOR ${prefix}/remind-3d`,
      `2026-11-27T01:00:00Z REMIND selfAssessment ACTOR ${prefix}/remind-1d`,
      `2026-11-27T03:30:00Z CLOSE selfAssessment ACTOR ${prefix}/close`,
      `2026-11-27T03:30:00Z ESCALATE_SUPERIOR selfAssessment SUPERIOR ${prefix}/escalate-superior`,
      // The month's block-admin escalation (25th) fell inside the reopening: the same one-step
      // interval (1 day) after the actor's own deadline.
      `2026-11-28T03:30:00Z ESCALATE_BLOCK_ADMIN selfAssessment BLOCK_ADMIN ${prefix}/escalate-block-admin`,
    ]);
    for (const e of own) {
      expect(e).toMatchObject({ actorId: 'p2', reopenedUntil: '2026-11-27T03:30:00Z', deadline });
    }
    // Only p2 is concerned, and only while not done.
    expect(actorsForEvent(own[0], actors).map((a) => a.id)).toEqual(['p2']);
    expect(actorsForEvent(byKey(own, `${prefix}/close`), actors).map((a) => a.id)).toEqual(['p2']);
    expect(actorsForEvent(byKey(own, `${prefix}/close`), [{ ...actors[1], done: true }])).toEqual([]);
    // Reopened again for longer: the old events fall silent (the new reopening has its own).
    const extended = [{ ...actors[1], reopenedUntil: '2026-11-30T03:30:00Z' }];
    expect(actorsForEvent(own[0], extended)).toEqual([]);
    expect(actorsForEvent(byKey(own, `${prefix}/close`), extended)).toEqual([]);
    // Merged with the month, keys stay unique and the order is the processing order.
    const merged = sortEvents([...s, ...own]);
    expect(new Set(merged.map((e) => e.key)).size).toBe(merged.length);
    expect(dueEvents(merged, '2026-11-27T01:00:00Z', '2026-11-27T17:00:00Z').map((e) => e.key)).toEqual([
      `${prefix}/close`,
      `${prefix}/escalate-superior`,
      '2026-11/comment/escalate-block-admin',
      '2026-11/decision/close',
      '2026-11/decision/escalate-next-authority',
    ]);
  });

  it('a short reopening after the month’s escalations: reminders only where they fit, no block-admin repeat when already told', () => {
    const own = reopenedSchedule(
      {
        year: 2026,
        month: 11,
        step: 'selfAssessment',
        actorId: 'p1',
        reopenedAt: '2026-11-25T03:00:00Z', // 10:00 on the 25th, after the general close
        reopenedUntil: '2026-11-25T11:00:00Z', // 18:00 the same day
      },
      hanoi2026,
    );
    // 08:00 on the 25th is before the reopening: no reminder; the block admin is told at the
    // month's own escalation (25th 17:00Z), which comes after this reopening ends.
    expect(lines(own)).toEqual([
      '2026-11-25T11:00:00Z CLOSE selfAssessment ACTOR 2026-11/self/reopened/p1/2026-11-25T11:00:00Z/close',
      '2026-11-25T11:00:00Z ESCALATE_SUPERIOR selfAssessment SUPERIOR 2026-11/self/reopened/p1/2026-11-25T11:00:00Z/escalate-superior',
    ]);
  });

  it('a decider who misses the decision deadline goes to the next authority', () => {
    const deciders: ActorStepState[] = [
      { id: 'decider-1', done: false },
      { id: 'decider-2', done: true },
      { id: 'decider-3', done: false, reopenedUntil: '2026-11-29T17:00:00Z' },
    ];
    const escalation = byKey(s, '2026-11/decision/escalate-next-authority');
    expect(escalation).toMatchObject({ at: '2026-11-27T17:00:00Z', kind: 'ESCALATE_NEXT_AUTHORITY', audience: 'NEXT_AUTHORITY' });
    expect(actorsForEvent(escalation, deciders).map((a) => a.id)).toEqual(['decider-1']);
    const own = reopenedSchedule({
      year: 2026,
      month: 11,
      step: 'decision',
      actorId: 'decider-3',
      reopenedAt: '2026-11-26T00:00:00Z',
      reopenedUntil: '2026-11-29T17:00:00Z',
    });
    expect(own.filter((e) => e.kind.startsWith('ESCALATE')).map((e) => `${e.at} ${e.kind} ${e.audience}`)).toEqual([
      '2026-11-29T17:00:00Z ESCALATE_NEXT_AUTHORITY NEXT_AUTHORITY',
    ]);
    expect(actorsForEvent(own[own.length - 1], deciders).map((a) => a.id)).toEqual(['decider-3']);
  });

  it('publication: the block aggregator is reminded and, when late, its superior told', () => {
    const aggregators: ActorStepState[] = [{ id: 'office-culture-society', done: false }];
    const remind = byKey(s, '2026-11/publication/remind-1d');
    expect(remind).toMatchObject({ at: '2026-12-04T01:00:00Z', audience: 'BLOCK_AGGREGATOR' });
    expect(actorsForEvent(remind, aggregators)).toEqual(aggregators);
    expect(actorsForEvent(byKey(s, '2026-11/publication/escalate-superior'), aggregators)).toEqual(aggregators);
  });

  it('refuses bad input, naming the field', () => {
    expect(() => actorStatus({ id: '', done: false }, deadline, deadline)).toThrow(/^actor\.id/);
    expect(() => missedActors([{ id: 'x', done: 'no' as unknown as boolean }], deadline, deadline)).toThrow(/^actors\[0\]\.done/);
    expect(() => missedActors([{ id: 'x', done: false, reopenedUntil: 'tomorrow' }], deadline, deadline)).toThrow(/^actors\[0\]\.reopenedUntil/);
    expect(() => actorsToRemind(actors, 'the 25th', deadline)).toThrow(/^deadline/);
    const base = { year: 2026, month: 11, step: 'selfAssessment' as const, actorId: 'p1', reopenedAt: '2026-11-26T00:00:00Z' };
    expect(() => reopenedSchedule({ ...base, reopenedUntil: '2026-11-26T00:00:00Z' })).toThrow(/^reopenedUntil must be after reopenedAt/);
    expect(() => reopenedSchedule({ ...base, step: 'comment', reopenedUntil: '2026-11-28T00:00:00Z' }, hanoi2022)).toThrow(/^step comment is not a step under policy hanoi2022 in 2026-11/);
    expect(() => reopenedSchedule({ ...base, step: 'vote' as never, reopenedUntil: '2026-11-28T00:00:00Z' })).toThrow(/^step must be one of/);
    expect(() => reopenedSchedule({ ...base, actorId: '', reopenedUntil: '2026-11-28T00:00:00Z' })).toThrow(/^actorId/);
    expect(() => reopenedSchedule({ ...base, month: 0, reopenedUntil: '2026-11-28T00:00:00Z' })).toThrow(/^month/);
  });
});

describe('password deadline and the daily lock sweep (DOMAIN §2)', () => {
  it('five days of 24 h after issue by default, as organization stores it', () => {
    expect(passwordDeadline('2026-04-01T02:15:00Z')).toBe('2026-04-06T02:15:00Z');
    expect(passwordDeadline('2026-04-01T09:15:00+07:00', hanoi2022)).toBe('2026-04-06T02:15:00Z');
    expect(passwordDeadline('2026-04-01T02:15:00.250Z')).toBe('2026-04-06T02:15:00.250Z');
    const week: Policy = { ...hanoi2026, accounts: { passwordChangeDays: 7 } };
    expect(passwordDeadline('2026-04-01T02:15:00Z', week)).toBe('2026-04-08T02:15:00Z');
  });

  it('a roll-out date is the deadline of everyone issued before it, never shorter than the policy’s days', () => {
    const rollout = '2026-04-30T17:00:00Z'; // by the end of 30 April, Hanoi time
    expect(passwordDeadline('2026-04-01T02:15:00Z', hanoi2026, rollout)).toBe(rollout);
    expect(passwordDeadline('2026-04-28T02:15:00Z', hanoi2026, rollout)).toBe('2026-05-03T02:15:00Z');
    expect(passwordDeadline('2026-06-01T00:00:00Z', hanoi2026, rollout)).toBe('2026-06-06T00:00:00Z');
    expect(passwordDeadline('2026-04-01T02:15:00Z', hanoi2026, null)).toBe('2026-04-06T02:15:00Z');
  });

  const accounts = [
    { id: 'a', issuedAt: '2026-04-01T02:15:00Z', passwordChangedAt: null, locked: false },
    { id: 'b', issuedAt: '2026-04-01T02:15:00Z', passwordChangedAt: '2026-04-02T08:00:00Z', locked: false },
    { id: 'c', issuedAt: '2026-04-01T02:15:00Z', passwordChangedAt: null, locked: true },
    // Changed once, then reset by the admin on 1 April: the new temporary password must be changed.
    { id: 'd', issuedAt: '2026-04-01T02:15:00Z', passwordChangedAt: '2026-03-20T00:00:00Z', locked: false },
    { id: 'e', issuedAt: '2026-04-03T00:00:00Z', passwordChangedAt: null, locked: false },
  ];

  it('locks the unchanged, unlocked accounts at (not before) their deadline; keeps the caller’s fields', () => {
    expect(accountsToLock(accounts, '2026-04-06T02:14:59Z', hanoi2026)).toEqual([]);
    expect(accountsToLock(accounts, '2026-04-06T02:15:00Z', hanoi2026)).toEqual([accounts[0], accounts[3]]);
    expect(accountsToLock(accounts, '2026-04-08T00:00:00Z').map((a) => a.id)).toEqual(['a', 'd', 'e']);
  });

  it('with a roll-out date nobody is locked before it', () => {
    const rollout = '2026-04-30T17:00:00Z';
    expect(accountsToLock(accounts, '2026-04-30T16:59:59Z', hanoi2026, rollout)).toEqual([]);
    expect(accountsToLock(accounts, rollout, hanoi2026, rollout).map((a) => a.id)).toEqual(['a', 'd', 'e']);
  });

  it('refuses bad input, naming the field', () => {
    expect(() => passwordDeadline('1 April')).toThrow(/^issuedAt/);
    expect(() => passwordDeadline('2026-04-01T00:00:00Z', hanoi2026, '30/4')).toThrow(/^rolloutDate/);
    expect(() => passwordDeadline('2026-04-01T00:00:00Z', { ...hanoi2026, accounts: { passwordChangeDays: 0 } })).toThrow(
      /^policy\.accounts\.passwordChangeDays/,
    );
    expect(() => accountsToLock([{ ...accounts[0], locked: 'yes' as unknown as boolean }], '2026-04-08T00:00:00Z')).toThrow(/^accounts\[0\]\.locked/);
    expect(() => accountsToLock([{ ...accounts[0], issuedAt: '' }], '2026-04-08T00:00:00Z')).toThrow(/^accounts\[0\]\.issuedAt/);
    expect(() => accountsToLock([{ ...accounts[0], passwordChangedAt: 'x' }], '2026-04-08T00:00:00Z')).toThrow(/^accounts\[0\]\.passwordChangedAt/);
    expect(() => accountsToLock(accounts, 'now')).toThrow(/^now/);
  });
});

describe('properties', () => {
  const policyArb = fc
    .record({
      base: fc.constantFrom(hanoi2026, hanoi2022, quangTri2019),
      daysBefore: fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { maxLength: 5 }),
      localHour: fc.integer({ min: 0, max: 23 }),
      blockAdminAfterDays: fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }),
      blockAdminAfterLastStepDays: fc.integer({ min: 1, max: 31 }),
    })
    .map(
      ({ base, daysBefore, localHour, blockAdminAfterDays, blockAdminAfterLastStepDays }): Policy => ({
        ...base,
        reminders: { daysBefore, localHour },
        escalation: { blockAdminAfterDays, blockAdminAfterLastStepDays },
      }),
    );
  const monthArb = fc.record({ year: fc.integer({ min: 2000, max: 2100 }), month: fc.integer({ min: 1, max: 12 }) });

  it('the schedule is sorted, keys are unique, and every event lies in the month’s window', () => {
    fc.assert(
      fc.property(monthArb, policyArb, ({ year, month }, policy) => {
        expect(validatePolicy(policy)).toEqual([]);
        const s = cycleSchedule(year, month, policy);
        const { opensAt, closesAt } = cycleWindow(year, month, policy);
        const ms = s.map((e) => Date.parse(e.at));
        expect(ms).toEqual([...ms].sort((a, b) => a - b));
        expect(new Set(s.map((e) => e.key)).size).toBe(s.length);
        for (const e of s) {
          expect(Date.parse(e.at)).toBeGreaterThanOrEqual(Date.parse(opensAt));
          expect(Date.parse(e.at)).toBeLessThanOrEqual(Date.parse(closesAt));
          expect(e.key.startsWith(`${year}-${String(month).padStart(2, '0')}/`)).toBe(true);
          if (e.kind === 'OPEN') expect(e.at).toBe(opensAt);
          if (e.kind === 'REMIND') expect(Date.parse(e.at)).toBeLessThan(Date.parse(e.deadline as string));
          if (e.kind === 'CLOSE' || e.kind === 'ESCALATE_SUPERIOR' || e.kind === 'ESCALATE_NEXT_AUTHORITY') expect(e.at).toBe(e.deadline);
          if (e.kind === 'ESCALATE_BLOCK_ADMIN') expect(Date.parse(e.at)).toBeGreaterThan(Date.parse(e.deadline as string));
        }
        // Every step closes exactly once; December's steps all close before the 15th, local time.
        const closes = s.filter((e) => e.kind === 'CLOSE');
        expect(closes.map((e) => e.step)).toEqual(
          policy.calendar[month === 12 ? 'december' : 'regular'].comment
            ? ['selfAssessment', 'comment', 'decision', 'publication']
            : ['selfAssessment', 'decision', 'publication'],
        );
        if (month === 12) {
          const fifteenth = Date.UTC(year, 11, 15) - 7 * 3_600_000;
          for (const c of closes) expect(Date.parse(c.at)).toBeLessThanOrEqual(fifteenth);
        }
        expect(cycleSchedule(year, month, policy)).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  it('consecutive dueEvents windows give back the whole schedule exactly once', () => {
    fc.assert(
      fc.property(monthArb, policyArb, fc.array(fc.integer({ min: -2 * 86_400_000, max: 50 * 86_400_000 }), { maxLength: 8 }), ({ year, month }, policy, offsets) => {
        const s = cycleSchedule(year, month, policy);
        const opens = Date.parse(monthOpensAt(year, month, policy));
        const cuts = [...offsets.map((o) => opens + o), opens + 80 * 86_400_000].sort((a, b) => a - b).map((ms) => new Date(ms).toISOString());
        const seen: CycleEvent[] = [];
        let from: string | null = null;
        for (const to of cuts) {
          seen.push(...dueEvents(s, from, to));
          from = to;
        }
        expect(seen).toEqual(s);
        // nextEvents after any cut is what the following window starts with.
        for (const cut of cuts) {
          const next = nextEvents(s, cut);
          const after = s.filter((e) => Date.parse(e.at) >= Date.parse(cut));
          expect(next).toEqual(after.length === 0 ? [] : after.filter((e) => e.at === after[0].at));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('an actor is missing exactly when not done, past the deadline and outside any reopening', () => {
    const t0 = Date.UTC(2026, 10, 24, 17);
    const at = fc.integer({ min: -5 * 86_400_000, max: 10 * 86_400_000 }).map((o) => new Date(t0 + o).toISOString());
    fc.assert(
      fc.property(fc.boolean(), fc.option(at, { nil: null }), at, (done, reopenedUntil, now) => {
        const actor = { id: 'p', done, reopenedUntil };
        const deadline = new Date(t0).toISOString();
        const missed = missedActors([actor], deadline, now).length === 1;
        const reminded = actorsToRemind([actor], deadline, now).length === 1;
        const late = Date.parse(now) >= t0 && !(reopenedUntil !== null && Date.parse(reopenedUntil) > Date.parse(now));
        expect(missed).toBe(!done && late);
        expect(reminded).toBe(!done && !late);
      }),
    );
  });
});

describe('review360Reminders', () => {
  it('reminds at 08:00 local on the reminder days before the round closes, never before it opened', () => {
    // Closes at the comment deadline of November 2026: 00:00 on the 26th in Hà Nội.
    expect(review360Reminders('2026-11-01T00:00:00Z', '2026-11-25T17:00:00Z', policies.quangTri2019)).toEqual(['2026-11-23T01:00:00Z', '2026-11-25T01:00:00Z']);
    expect(review360Reminders('2026-11-24T03:00:00Z', '2026-11-25T17:00:00Z', policies.quangTri2019)).toEqual(['2026-11-25T01:00:00Z']);
  });

  it('refuses a round that closes before it opens', () => {
    expect(() => review360Reminders('2026-11-26T00:00:00Z', '2026-11-25T17:00:00Z')).toThrow(/closesAt/);
  });
});

describe('localMonthOf', () => {
  it('reads the month in Hà Nội time', () => {
    expect(localMonthOf('2026-11-30T16:59:59Z')).toBe('2026-11');
    expect(localMonthOf('2026-11-30T17:00:00Z')).toBe('2026-12');
    expect(localMonthOf('2026-12-31T17:00:00Z')).toBe('2027-01');
  });
});
