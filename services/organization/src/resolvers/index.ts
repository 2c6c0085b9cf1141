import type { Resolvers } from '../generated/resolvers-types';
import { Account } from './account';
import { ConcurrentPost } from './concurrent-post';
import { InCharge } from './in-charge';
import { Mutation } from './mutation';
import { Notification } from './notification';
import { AuditEntry } from './audit-entry';
import { EvaluationChain } from './evaluation-chain';
import { Jurisdiction } from './jurisdiction';
import { Person } from './person';
import { Position } from './position';
import { Query } from './query';
import { Transfer } from './transfer';
import { Unit } from './unit';
import { Viewer } from './viewer';

export const resolvers: Resolvers = { Query, Mutation, Viewer, Unit, Person, Account, Jurisdiction, Position, Transfer, EvaluationChain, AuditEntry, Notification, InCharge, ConcurrentPost };
