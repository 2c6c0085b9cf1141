import type { Resolvers } from '../generated/resolvers-types';
import { CatalogueVersion } from './catalogue-version';
import { Kpi, KpiItem } from './kpi';
import { Mutation } from './mutation';
import { Person } from './person';
import { Plan } from './plan';
import { Query } from './query';
import { Delay, KpiSnapshot, LeaderFactors, MonthReopening, PlanStatusRow, QualityReview } from './records';
import { Task } from './task';
import { Unit } from './unit';

export const resolvers: Resolvers = {
  Query, Mutation, Person, Unit, Plan, Task, CatalogueVersion, Kpi, KpiItem, QualityReview, Delay, LeaderFactors, MonthReopening, KpiSnapshot, PlanStatusRow,
};
