import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121100000_planning } from './Migration20261121100000_planning';
import { Migration20261121110000_plan_lookup } from './Migration20261121110000_plan_lookup';
import { Migration20261122140000_task_month } from './Migration20261122140000_task_month';
import { Migration20261123090000_review_month } from './Migration20261123090000_review_month';
import { Migration20261123100000_history_indexes } from './Migration20261123100000_history_indexes';
import { Migration20261206120000_plan_follows_transfer } from './Migration20261206120000_plan_follows_transfer';

/** Every migration of the planning schema, in order. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261121100000_planning', class: Migration20261121100000_planning },
  { name: 'Migration20261121110000_plan_lookup', class: Migration20261121110000_plan_lookup },
  { name: 'Migration20261122140000_task_month', class: Migration20261122140000_task_month },
  { name: 'Migration20261123090000_review_month', class: Migration20261123090000_review_month },
  { name: 'Migration20261123100000_history_indexes', class: Migration20261123100000_history_indexes },
  { name: 'Migration20261206120000_plan_follows_transfer', class: Migration20261206120000_plan_follows_transfer },
];
