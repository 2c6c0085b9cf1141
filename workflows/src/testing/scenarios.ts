/**
 * The scripted scenarios behind the committed histories (workflows/histories/*.json): what each
 * activity returns, when children start or already exist, which signals arrive. The workflow code
 * decides everything else (which events, when it sleeps, what it schedules), exactly as it would
 * against a server. Add a scenario here and run `npm run histories:record` to commit a new history;
 * never re-record an existing one after changing workflow code (see workflows/histories/README.md).
 */
import { createHash } from 'node:crypto';
import type { CycleEvent, FormStep, PolicyId } from '@cbccvc/rules';
import type { CycleEventResult, MonthlyCycleInput, Review360Progress, RoundRef } from '../activity-types';
import { uuidFrom, type Scenario, type ScriptedActivity } from './history-recorder';

export const HA_DONG = { id: uuidFrom('jurisdiction', 'Phường Hà Đông'), policyId: 'hanoi2026' as PolicyId, people: 2_013, units: 81 };
export const DONG_HA = { id: uuidFrom('jurisdiction', 'Phường Đông Hà'), policyId: 'quangTri2019' as PolicyId, people: 1_486, units: 64 };

/** A stable pseudo-random number in [0, 1) for a label: scripted numbers look lived-in yet never change. */
function unit(label: string): number {
  return createHash('sha256').update(label).digest().readUInt32BE(0) / 2 ** 32;
}
const between = (label: string, low: number, high: number) => low + Math.floor(unit(label) * (high - low + 1));

/** How many actors a step has in a jurisdiction of `people`. */
function stepActors(step: CycleEvent['step'], people: number): number {
  switch (step) {
    case 'comment':
      return Math.round(people * 0.12);
    case 'decision':
      return Math.round(people * 0.07);
    case 'publication':
      return 6;
    default:
      return people;
  }
}

interface Reopening {
  step: FormStep;
  actorId: string;
  /** When the authority reopened the form. */
  at: string;
  reopenedUntil: string;
}

/**
 * `handleCycleEvent` as the activity would answer it for a jurisdiction: the month's events concern
 * a share of the step's actors, escalations reach their superiors, the OPEN of review360 opens the
 * given rounds, and every later event reports the reopenings in force.
 */
function cycleActivity(j: { people: number }, options: { reopenings?: Reopening[]; rounds?: (at: string) => RoundRef[] } = {}) {
  return (activityType: string, args: unknown[], at: string): ScriptedActivity => {
    if (activityType !== 'handleCycleEvent') throw new Error(`monthlyCycle does not schedule ${activityType}`);
    const { event } = args[0] as MonthlyCycleInput & { event: CycleEvent };
    const actors = stepActors(event.step, j.people);
    const label = event.key;
    let concerned: number;
    let notified: number;
    if (event.actorId !== null) {
      concerned = event.kind === 'REMIND' || event.kind === 'CLOSE' ? 1 : 0;
      notified = concerned;
    } else if (event.kind === 'OPEN') {
      concerned = event.step === 'review360' ? 0 : actors;
      notified = event.step === 'plan' ? actors : 0;
    } else if (event.kind === 'REMIND') {
      const share = event.daysBefore === 1 ? [0.04, 0.12] : [0.15, 0.35];
      concerned = Math.max(1, Math.round(actors * (share[0]! + unit(label) * (share[1]! - share[0]!))));
      notified = event.step === 'publication' ? 3 : concerned;
    } else {
      concerned = event.step === 'publication' ? between(label, 0, 2) : between(label, 2, Math.max(3, Math.round(actors * 0.02)));
      notified = event.kind === 'CLOSE' ? concerned : Math.max(concerned ? 1 : 0, Math.round(concerned * 0.6));
    }
    const rounds = event.kind === 'OPEN' && event.step === 'review360' ? (options.rounds?.(at) ?? []) : [];
    if (rounds.length) concerned = rounds.length;
    const reopened =
      event.kind === 'OPEN'
        ? []
        : (options.reopenings ?? []).filter((r) => r.at <= at && at < r.reopenedUntil).map(({ step, actorId, reopenedUntil }) => ({ step, actorId, reopenedUntil }));
    const result: CycleEventResult = { concerned, notified, rounds, reopened };
    // Paging through a ward's people and storing (and e-mailing) notifications takes a while.
    const durationMs = 1_500 + notified * 18 + between(`${label}/ms`, 0, 900);
    return { result, durationMs };
  };
}

const cycleId = (jurisdictionId: string, month: string) => `cycle/${jurisdictionId}/${month}`;
const launcherId = (at: string) => `monthly-cycle-launcher-${at}`;
const NOVEMBER_LAUNCHER_RUN = uuidFrom('run', launcherId('2026-10-31T17:05:00Z'), '2026-10-31T17:05:00.027Z');

const ROUND_OF_UNIT_1 = { roundId: uuidFrom('round', 'Đông Hà', 'unit 1', '2026-11'), unitId: uuidFrom('unit', 'Đông Hà', 'Văn phòng HĐND và UBND') };
const ROUND_OF_UNIT_2 = { roundId: uuidFrom('round', 'Đông Hà', 'unit 2', '2026-11'), unitId: uuidFrom('unit', 'Đông Hà', 'Phòng Kinh tế') };
/** Rounds close for ratings at the comment deadline (quangTri2019: before the 26th, Hà Nội time). */
const NOVEMBER_ROUNDS_CLOSE = '2026-11-25T17:00:00.000Z';

/** One scripted answer per 360° activity; the round's progress moves as raters rate. */
function roundActivity(raters: number, progressAtReminders: number[], finalGiven: number) {
  let reminders = 0;
  return (activityType: string): ScriptedActivity => {
    switch (activityType) {
      case 'inviteReview360':
        return { result: raters, durationMs: 2_300 };
      case 'remindReview360': {
        const given = progressAtReminders[reminders++];
        if (given === undefined) throw new Error('more reminders than scripted');
        return { result: { given, expected: raters } satisfies Review360Progress, durationMs: 1_100 };
      }
      case 'closeReview360':
        return { result: { given: finalGiven, expected: raters } satisfies Review360Progress, durationMs: 3_800 };
      default:
        throw new Error(`review360Round does not schedule ${activityType}`);
    }
  };
}

export const scenarios: Scenario[] = [
  {
    name: 'launch-monthly-cycles-2026-12',
    description: 'The monthly Schedule fires at 00:05 on 1 December (Hà Nội): one cycle started per jurisdiction (two of them).',
    workflowType: 'launchMonthlyCycles',
    workflowId: launcherId('2026-11-30T17:05:00Z'),
    args: [],
    startedAt: '2026-11-30T17:05:00.027Z',
    schedule: { scheduleId: 'monthly-cycle-launcher', nominalTime: '2026-11-30T17:05:00Z' },
    activity: (type) => {
      if (type !== 'listJurisdictions') throw new Error(`launchMonthlyCycles does not schedule ${type}`);
      return { result: [HA_DONG, DONG_HA].map(({ id, policyId }) => ({ id, policyId })), durationMs: 140 };
    },
    child: () => ({ outcome: 'started' }),
  },
  {
    name: 'launch-monthly-cycles-2026-12-again',
    description: 'The launcher triggered by hand later on 1 December: both cycles already run, nothing is started twice.',
    workflowType: 'launchMonthlyCycles',
    workflowId: launcherId('2026-12-01T02:30:00Z'),
    args: [],
    startedAt: '2026-12-01T02:30:00.412Z',
    schedule: { scheduleId: 'monthly-cycle-launcher', nominalTime: '2026-12-01T02:30:00Z' },
    activity: (type) => {
      if (type !== 'listJurisdictions') throw new Error(`launchMonthlyCycles does not schedule ${type}`);
      return { result: [HA_DONG, DONG_HA].map(({ id, policyId }) => ({ id, policyId })), durationMs: 120 };
    },
    child: () => ({ outcome: 'alreadyExists' }),
  },
  {
    name: 'monthly-cycle-hanoi2026-2026-11',
    description:
      'November 2026 of a Hà Nội ward under hanoi2026 from its opening to the last escalation; the authority reopens one self-assessment on 25 November, so that actor gets their own reminders, close and escalations.',
    workflowType: 'monthlyCycle',
    workflowId: cycleId(HA_DONG.id, '2026-11'),
    args: [{ jurisdictionId: HA_DONG.id, month: '2026-11', policyId: HA_DONG.policyId } satisfies MonthlyCycleInput],
    // Started by November's launcher, laid out as December's (launch-monthly-cycles-2026-12.json).
    startedAt: '2026-10-31T17:05:00.199Z',
    parent: { workflowId: launcherId('2026-10-31T17:05:00Z'), runId: NOVEMBER_LAUNCHER_RUN, initiatedEventId: 11 },
    activity: cycleActivity(HA_DONG, {
      reopenings: [
        {
          step: 'selfAssessment',
          actorId: uuidFrom('person', 'Hà Đông', 'Nguyễn Thị Thu Hà'),
          at: '2026-11-25T03:12:00.000Z',
          reopenedUntil: '2026-11-28T17:00:00.000Z',
        },
      ],
    }),
  },
  {
    name: 'monthly-cycle-hanoi2026-2026-12',
    description: 'December 2026 (the year-end calendar: everything due by the 15th) of the same ward, started by the launcher; nobody reopened.',
    workflowType: 'monthlyCycle',
    workflowId: cycleId(HA_DONG.id, '2026-12'),
    args: [],
    startedAt: '',
    parent: { scenario: 'launch-monthly-cycles-2026-12' },
    activity: cycleActivity(HA_DONG),
  },
  {
    name: 'monthly-cycle-quangTri2019-2026-11',
    description:
      'November 2026 under quangTri2019, which runs 360° rounds: the OPEN of review360 opens two rounds; one child round starts (and completes at its deadline, recorded here), the other already exists (WORKFLOW_ALREADY_EXISTS, counted as nothing started).',
    workflowType: 'monthlyCycle',
    workflowId: cycleId(DONG_HA.id, '2026-11'),
    args: [{ jurisdictionId: DONG_HA.id, month: '2026-11', policyId: DONG_HA.policyId } satisfies MonthlyCycleInput],
    startedAt: '2026-10-31T17:05:00.218Z',
    parent: { workflowId: launcherId('2026-10-31T17:05:00Z'), runId: NOVEMBER_LAUNCHER_RUN, initiatedEventId: 16 },
    activity: cycleActivity(DONG_HA, {
      rounds: (at) => [
        { ...ROUND_OF_UNIT_1, openedAt: at, closesAt: NOVEMBER_ROUNDS_CLOSE },
        { ...ROUND_OF_UNIT_2, openedAt: '2026-10-31T17:05:00.000Z', closesAt: NOVEMBER_ROUNDS_CLOSE },
      ],
    }),
    child: (workflowId) =>
      workflowId === `review360/${ROUND_OF_UNIT_1.unitId}/2026-11`
        ? { outcome: 'started', completes: 'asRecorded' }
        : { outcome: 'alreadyExists' },
  },
  {
    name: 'review360-round-closes-at-deadline',
    description:
      'The 360° round started by the quangTri2019 November cycle: invitations, a rating signal that leaves raters missing, both reminders, and the close at the deadline.',
    workflowType: 'review360Round',
    workflowId: `review360/${ROUND_OF_UNIT_1.unitId}/2026-11`,
    args: [],
    startedAt: '',
    parent: { scenario: 'monthly-cycle-quangTri2019-2026-11' },
    activity: roundActivity(12, [5, 9], 10),
    signals: [{ at: '2026-11-24T02:41:17.350Z', name: 'ratingRecorded', args: [{ given: 7, expected: 12 } satisfies Review360Progress] }],
  },
  {
    name: 'review360-round-closes-early',
    description: 'A December 360° round whose raters all rate before the first reminder: the ratingRecorded signal with given = expected closes it at once.',
    workflowType: 'review360Round',
    workflowId: `review360/${ROUND_OF_UNIT_2.unitId}/2026-12`,
    args: [
      {
        roundId: uuidFrom('round', 'Đông Hà', 'unit 2', '2026-12'),
        unitId: ROUND_OF_UNIT_2.unitId,
        openedAt: '2026-11-30T17:05:30.402Z',
        closesAt: '2026-12-10T17:00:00.000Z',
        policyId: DONG_HA.policyId,
      } satisfies RoundRef & { policyId: PolicyId },
    ],
    // The second round its cycle starts; that cycle is the one launch-monthly-cycles-2026-12.json started.
    startedAt: '2026-11-30T17:05:30.955Z',
    parent: { workflowId: cycleId(DONG_HA.id, '2026-12'), runId: uuidFrom('run', cycleId(DONG_HA.id, '2026-12'), '2026-11-30T17:05:00.218Z'), initiatedEventId: 24 },
    activity: roundActivity(8, [], 8),
    signals: [
      { at: '2026-12-03T02:15:44.120Z', name: 'ratingRecorded', args: [{ given: 6, expected: 8 } satisfies Review360Progress] },
      { at: '2026-12-04T09:40:02.871Z', name: 'ratingRecorded', args: [{ given: 8, expected: 8 } satisfies Review360Progress] },
    ],
  },
  {
    name: 'password-deadline-sweep',
    description: 'The daily sweep at 01:00 (Hà Nội) with a roll-out date: one activity pages through every account and locks the late ones.',
    workflowType: 'passwordDeadlineSweep',
    workflowId: 'password-deadline-sweep-2026-11-30T18:00:00Z',
    args: [{ rolloutDate: '2026-11-30T17:00:00.000Z' }],
    startedAt: '2026-11-30T18:00:00.019Z',
    schedule: { scheduleId: 'password-deadline-sweep', nominalTime: '2026-11-30T18:00:00Z' },
    activity: (type) => {
      if (type !== 'lockExpiredAccounts') throw new Error(`passwordDeadlineSweep does not schedule ${type}`);
      return { result: { checked: 251_406, locked: 1_187 }, durationMs: 96_400 };
    },
  },
];
