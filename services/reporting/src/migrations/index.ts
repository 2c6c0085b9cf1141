import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122130000_reporting } from './Migration20261122130000_reporting';

/** Every migration of the reporting schema, in order. */
export const migrations: MigrationObject[] = [{ name: 'Migration20261122130000_reporting', class: Migration20261122130000_reporting }];
