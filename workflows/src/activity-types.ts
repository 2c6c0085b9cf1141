import type { CycleEvent, FormStep, PolicyId } from '@cbccvc/rules';

/**
 * The contract between workflow code and activities: plain, serialisable data only. Workflow files
 * import these types (erased at bundle time), never the activity implementations.
 */
export interface MonthlyCycleInput {
  jurisdictionId: string;
  /** YYYY-MM */
  month: string;
  policyId: PolicyId;
}

export interface RoundRef {
  roundId: string;
  unitId: string;
  openedAt: string;
  closesAt: string;
}

export interface ReopenedRef {
  step: FormStep;
  actorId: string;
  reopenedUntil: string;
}

export interface CycleEventResult {
  /** How many actors the event concerned (reminded, recorded missing, escalated). */
  concerned: number;
  /** Notifications newly stored (a retried activity stores nothing twice). */
  notified: number;
  /** 360° rounds opened (OPEN of the review360 step only). */
  rounds: RoundRef[];
  /** Forms reopened beyond now: the workflow adds their actors' own reminders and close. */
  reopened: ReopenedRef[];
}

export interface Review360Progress {
  given: number;
  expected: number;
}

export interface LaunchResult {
  month: string;
  started: string[];
  alreadyRunning: string[];
}

export interface Activities {
  handleCycleEvent(input: MonthlyCycleInput & { event: CycleEvent }): Promise<CycleEventResult>;
  inviteReview360(input: { roundId: string }): Promise<number>;
  remindReview360(input: { roundId: string; at: string }): Promise<Review360Progress>;
  closeReview360(input: { roundId: string }): Promise<Review360Progress>;
  listJurisdictions(): Promise<{ id: string; policyId: PolicyId }[]>;
  lockExpiredAccounts(input: { rolloutDate: string | null }): Promise<{ checked: number; locked: number }>;
}
