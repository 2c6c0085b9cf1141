import type { Resolvers } from '../generated/resolvers-types';
import { Account } from './account';
import { Mutation } from './mutation';
import { AuditEntry, EvaluationChain, Jurisdiction, Position, Transfer } from './others';
import { Person } from './person';
import { Query } from './query';
import { Unit } from './unit';
import { Viewer } from './viewer';

export const resolvers: Resolvers = { Query, Mutation, Viewer, Unit, Person, Account, Jurisdiction, Position, Transfer, EvaluationChain, AuditEntry };
