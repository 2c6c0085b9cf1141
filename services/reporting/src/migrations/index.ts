import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122130000_reporting } from './Migration20261122130000_reporting';
import { Migration20261122150000_checkpoint_horizon } from './Migration20261122150000_checkpoint_horizon';
import { Migration20261122160000_jurisdiction_month } from './Migration20261122160000_jurisdiction_month';
import { Migration20261123100000_history_indexes } from './Migration20261123100000_history_indexes';
import { Migration20261123120000_result_fillfactor } from './Migration20261123120000_result_fillfactor';
import { Migration20261204100000_bonus_one_confirmed } from './Migration20261204100000_bonus_one_confirmed';
import { Migration20261205120000_result_explanation_self_grade } from './Migration20261205120000_result_explanation_self_grade';
import { Migration20261206110000_result_decision_reference } from './Migration20261206110000_result_decision_reference';

/** Every migration of the reporting schema, in order. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122130000_reporting', class: Migration20261122130000_reporting },
  { name: 'Migration20261122150000_checkpoint_horizon', class: Migration20261122150000_checkpoint_horizon },
  { name: 'Migration20261122160000_jurisdiction_month', class: Migration20261122160000_jurisdiction_month },
  { name: 'Migration20261123100000_history_indexes', class: Migration20261123100000_history_indexes },
  { name: 'Migration20261123120000_result_fillfactor', class: Migration20261123120000_result_fillfactor },
  { name: 'Migration20261204100000_bonus_one_confirmed', class: Migration20261204100000_bonus_one_confirmed },
  { name: 'Migration20261205120000_result_explanation_self_grade', class: Migration20261205120000_result_explanation_self_grade },
  { name: 'Migration20261206110000_result_decision_reference', class: Migration20261206110000_result_decision_reference },
];
