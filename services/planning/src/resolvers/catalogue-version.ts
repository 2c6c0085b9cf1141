import type { CatalogueVersionResolvers } from '../generated/resolvers-types';
import { catalogueItems } from '../catalogue';

export const CatalogueVersion: CatalogueVersionResolvers = {
  unit: (version) => ({ id: version.unitId }),
  items: (version, _a, ctx) => catalogueItems(ctx, version.id),
};
