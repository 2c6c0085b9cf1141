export { migrations } from './migrations';
export { startEvaluationService, evaluationTypeDefs, type EvaluationServiceOptions } from './service';
export { loadEvaluationSeed } from './seed';
export { closeMonth, type MonthClose } from './month-close';
