import type { Clock } from '../clock';
import { credentialOf, type RobotChannel } from './robot-address';
import type { Digest } from './robot-digest';
import { classifyRobotAnswer, classifyRobotFailure, DEFERRED, mayRetryRobot, type RobotOutcome } from './robot-outcome';
import type { RobotPost } from './robot-post';
import { robotRequest } from './robot-request';

/** The longest one post may take: a robot answers in a few hundred milliseconds. */
export const ROBOT_CALL_TIMEOUT_MS = 1_500;
/** No post starts with less time than this before the deadline: it could not finish. */
export const MIN_ROBOT_CALL_MS = 250;
/** The pause before the one retry of a refusal that may pass a moment later. */
export const ROBOT_RETRY_DELAY_MS = 300;

export interface RobotSendDeps {
  post: RobotPost;
  clock: Pick<Clock, 'now' | 'sleep'>;
  /** Epoch ms by which the post must be answered; none outlives it. */
  deadline: number;
}

export type RobotResult = RobotOutcome & { attempts: number };

/**
 * Posts the digest to one robot, signed afresh for each attempt, and tries once more when the refusal
 * may pass (see mayRetryRobot) and there is time. Never throws: every failure is an outcome.
 */
export async function sendToRobot(channel: RobotChannel, digest: Digest, deps: RobotSendDeps): Promise<RobotResult> {
  const secrets = [channel.url, ...robotSecrets(channel)];
  let attempts = 0;
  for (;;) {
    const left = deps.deadline - deps.clock.now();
    if (left < MIN_ROBOT_CALL_MS) return { ...DEFERRED, attempts };
    attempts += 1;
    const request = robotRequest(channel, digest, deps.clock.now());
    let outcome: RobotOutcome;
    try {
      const answer = await deps.post(request.url, request.body, Math.min(ROBOT_CALL_TIMEOUT_MS, left));
      outcome = classifyRobotAnswer(channel.kind, answer.status, answer.text, secrets);
    } catch (error) {
      outcome = classifyRobotFailure(error, secrets);
    }
    const retryFits = deps.deadline - deps.clock.now() - ROBOT_RETRY_DELAY_MS >= MIN_ROBOT_CALL_MS;
    if (attempts > 1 || !mayRetryRobot(outcome) || !retryFits) return { ...outcome, attempts };
    await deps.clock.sleep(ROBOT_RETRY_DELAY_MS);
  }
}

/** What a report or a log line must never show of a channel: its key or token, and its secret. */
export function robotSecrets(channel: RobotChannel): string[] {
  return [credentialOf(channel), channel.secret ?? ''].filter((secret) => secret.length > 0);
}
