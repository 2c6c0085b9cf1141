import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121120000_evaluation } from './Migration20261121120000_evaluation';
import { Migration20261122090000_frameworks } from './Migration20261122090000_frameworks';
import { Migration20261122100000_review360 } from './Migration20261122100000_review360';
import { Migration20261122110000_missed_steps } from './Migration20261122110000_missed_steps';
import { Migration20261122120000_outbox } from './Migration20261122120000_outbox';
import { Migration20261122150000_outbox_commit_order } from './Migration20261122150000_outbox_commit_order';
import { Migration20261123100000_history_indexes } from './Migration20261123100000_history_indexes';
import { Migration20261123110000_form_fillfactor } from './Migration20261123110000_form_fillfactor';
import { Migration20261123120000_outbox_winners } from './Migration20261123120000_outbox_winners';
import { Migration20261204090000_quota_groups } from './Migration20261204090000_quota_groups';
import { Migration20261205110000_form_events_explanation_self_grade } from './Migration20261205110000_form_events_explanation_self_grade';
import { Migration20261205150000_exemptions } from './Migration20261205150000_exemptions';
import { Migration20261206100000_chains_in_force } from './Migration20261206100000_chains_in_force';

/** Every migration of the evaluation schema, in order. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261121120000_evaluation', class: Migration20261121120000_evaluation },
  { name: 'Migration20261122090000_frameworks', class: Migration20261122090000_frameworks },
  { name: 'Migration20261122100000_review360', class: Migration20261122100000_review360 },
  { name: 'Migration20261122110000_missed_steps', class: Migration20261122110000_missed_steps },
  { name: 'Migration20261122120000_outbox', class: Migration20261122120000_outbox },
  { name: 'Migration20261122150000_outbox_commit_order', class: Migration20261122150000_outbox_commit_order },
  { name: 'Migration20261123100000_history_indexes', class: Migration20261123100000_history_indexes },
  { name: 'Migration20261123110000_form_fillfactor', class: Migration20261123110000_form_fillfactor },
  { name: 'Migration20261123120000_outbox_winners', class: Migration20261123120000_outbox_winners },
  { name: 'Migration20261204090000_quota_groups', class: Migration20261204090000_quota_groups },
  { name: 'Migration20261205110000_form_events_explanation_self_grade', class: Migration20261205110000_form_events_explanation_self_grade },
  { name: 'Migration20261205150000_exemptions', class: Migration20261205150000_exemptions },
  { name: 'Migration20261206100000_chains_in_force', class: Migration20261206100000_chains_in_force },
];
