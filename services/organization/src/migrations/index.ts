import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121000000_initial } from './Migration20261121000000_initial';
import { Migration20261201000000_notifications } from './Migration20261201000000_notifications';
import { Migration20261204110000_quota_base } from './Migration20261204110000_quota_base';
import { Migration20261205090000_notification_rescore } from './Migration20261205090000_notification_rescore';
import { Migration20261205100000_notification_quota } from './Migration20261205100000_notification_quota';

/** Every migration of the organization schema, in order (bundled, so no file-system discovery). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261121000000_initial', class: Migration20261121000000_initial },
  { name: 'Migration20261201000000_notifications', class: Migration20261201000000_notifications },
  { name: 'Migration20261204110000_quota_base', class: Migration20261204110000_quota_base },
  { name: 'Migration20261205090000_notification_rescore', class: Migration20261205090000_notification_rescore },
  { name: 'Migration20261205100000_notification_quota', class: Migration20261205100000_notification_quota },
];
