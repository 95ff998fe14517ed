import { isAbandoned, type RunBudget } from '../../run-budget';
import { credentialOf, type RobotChannel } from './robot-address';
import type { Digest } from './robot-digest';
import { classifyRobotAnswer, classifyRobotFailure, DEFERRED, mayRetryRobot, unknownOutcome } from './robot-outcome';
import type { RobotOutcome } from '../../../contract/channels';
import type { RobotPost } from './robot-post';
import { robotRequest } from './robot-request';

/** The longest one post may take: a robot answers in a few hundred milliseconds. */
export const ROBOT_CALL_TIMEOUT_MS = 1_500;
/** The pause before the one retry of a refusal that may pass a moment later. */
export const ROBOT_RETRY_DELAY_MS = 300;
/** The run budget's name for a post to a group robot: its estimate is the slowest post of the run. */
export const ROBOT_CALL = 'robot';

export interface RobotSendDeps {
  post: RobotPost;
  /** The run's time: a post starts only when it fits, and none outlives the deadline. */
  budget: RunBudget;
  /** No attempt starts after this (the writes that record the post must still fit); the deadline by default. */
  latestStart?: number;
}

export type RobotResult = RobotOutcome & { attempts: number };

/**
 * Posts the digest to one robot, signed afresh for each attempt, and tries once more when the refusal
 * may pass (see mayRetryRobot) and there is time. Never throws: every failure is an outcome.
 */
export async function sendToRobot(channel: RobotChannel, digest: Digest, deps: RobotSendDeps): Promise<RobotResult> {
  const { budget } = deps;
  const secrets = [channel.url, ...robotSecrets(channel)];
  const latestStart = deps.latestStart ?? budget.deadline;
  let attempts = 0;
  for (;;) {
    if (!budget.mayStart(ROBOT_CALL, latestStart)) return { ...DEFERRED, attempts };
    attempts += 1;
    const request = robotRequest(channel, digest, budget.now());
    let outcome: RobotOutcome;
    try {
      const answer = await budget.run(ROBOT_CALL, 'a group robot', () =>
        deps.post(request.url, request.body, ROBOT_CALL_TIMEOUT_MS),
      );
      outcome = classifyRobotAnswer(channel.kind, answer.status, answer.text, secrets);
    } catch (error) {
      outcome = isAbandoned(error)
        ? unknownOutcome('timeout', 'no answer by the deadline')
        : classifyRobotFailure(error, secrets);
    }
    if (attempts > 1 || !mayRetryRobot(outcome) || !budget.fits(ROBOT_CALL, budget.deadline - ROBOT_RETRY_DELAY_MS))
      return { ...outcome, attempts };
    await budget.pause(ROBOT_RETRY_DELAY_MS);
  }
}

/** What a report or a log line must never show of a channel: its key or token, and its secret. */
export function robotSecrets(channel: RobotChannel): string[] {
  return [credentialOf(channel), channel.secret ?? ''].filter((secret) => secret.length > 0);
}
