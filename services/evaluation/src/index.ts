export { migrations } from './migrations';
export { startEvaluationService, evaluationTypeDefs, type EvaluationServiceOptions } from './service';
export { loadEvaluationSeed } from './seed';
export { closeMonth, type MonthClose } from './month-close';
// What the workflows use in-process: the step actors of a month, 360° rounds, missed steps.
export { stepActors, recordMissed, reopenedForms, type StepActor, type ReopenedForm } from './cycle';
export { openRound, closeRound, roundOf, progressOf, type Round } from './review360';
export { openMonthForms, type Context as EvaluationContext } from './forms';
export { setEvaluationEvents, type EvaluationEvents } from './events';
