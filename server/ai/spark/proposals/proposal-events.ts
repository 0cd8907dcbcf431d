/**
 * What became of a proposal, for the features that made it (a fix from a run asks for a rerun once its
 * proposal is typed in). Fired on the instance that carried the decision out, after Spark finished typing.
 */
import { EventEmitter } from 'node:events';
import type { SparkPeer } from '../spark-peer';
import type { Reviewer } from './proposal-review';

export interface ProposalDecision {
  proposalId: string;
  /** Hunks this decision accepted (typed in) or rejected. */
  decided: number;
  reviewer: Reviewer;
}

type Events = { accepted: [ProposalDecision]; rejected: [ProposalDecision] };

const emitters = new WeakMap<SparkPeer, EventEmitter<Events>>();

export function proposalEvents(spark: SparkPeer): EventEmitter<Events> {
  let emitter = emitters.get(spark);
  if (!emitter) emitters.set(spark, (emitter = new EventEmitter<Events>()));
  return emitter;
}
