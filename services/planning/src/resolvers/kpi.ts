import type { KpiItemResolvers, KpiResolvers } from '../generated/resolvers-types';

export const Kpi: KpiResolvers = {
  person: (kpi) => ({ id: kpi.personId }),
};

export const KpiItem: KpiItemResolvers = {};
