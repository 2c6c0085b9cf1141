import type { Logger } from '@cbccvc/platform';

/**
 * What the evaluation subgraph tells the orchestration (Temporal) about, when it runs: a rating of
 * a 360° round, so that the round closes as soon as everyone has rated. Never part of the write: a
 * failed notice is logged and the round still closes at its deadline.
 */
export interface EvaluationEvents {
  ratingRecorded(round: { unitId: string; month: string }, progress: { given: number; expected: number }): Promise<void>;
}

let current: { events: EvaluationEvents; logger: Logger } | null = null;

export function setEvaluationEvents(events: EvaluationEvents | null, logger?: Logger): void {
  current = events && logger ? { events, logger } : null;
}

export function emitRatingRecorded(round: { unitId: string; month: string }, progress: { given: number; expected: number }): void {
  if (!current) return;
  const { events, logger } = current;
  events.ratingRecorded(round, progress).catch((error: unknown) => logger.warn({ err: error, round }, 'could not tell the 360° round workflow about a rating'));
}
