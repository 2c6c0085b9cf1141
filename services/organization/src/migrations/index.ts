import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121000000_initial } from './Migration20261121000000_initial';
import { Migration20261201000000_notifications } from './Migration20261201000000_notifications';
import { Migration20261204110000_quota_base } from './Migration20261204110000_quota_base';
import { Migration20261205090000_notification_kinds } from './Migration20261205090000_notification_kinds';
import { Migration20261206090000_authority_chains } from './Migration20261206090000_authority_chains';

/** Every migration of the organization schema, in order (bundled, so no file-system discovery). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261121000000_initial', class: Migration20261121000000_initial },
  { name: 'Migration20261201000000_notifications', class: Migration20261201000000_notifications },
  { name: 'Migration20261204110000_quota_base', class: Migration20261204110000_quota_base },
  { name: 'Migration20261205090000_notification_kinds', class: Migration20261205090000_notification_kinds },
  { name: 'Migration20261206090000_authority_chains', class: Migration20261206090000_authority_chains },
];
