/**
 * The last answer sent for each action, for the `wrong-request-id` fault: it sends an
 * earlier answer again, RequestId and all, as a cache or a proxy that crosses answers
 * between connections would.
 */
import type { TencentAnswer } from "./envelope";

/** Remembers the latest answer per action, and the latest of all. */
export class RecentAnswers {
  private readonly byAction = new Map<string, TencentAnswer>();
  private latest?: TencentAnswer;

  /** Notes an answer that was sent to a request for `action`. */
  remember(action: string, answer: TencentAnswer): void {
    this.byAction.set(action, answer);
    this.latest = answer;
  }

  /** The latest answer for `action`, else the latest for any action; none before the first answer. */
  earlierAnswer(action: string): TencentAnswer | undefined {
    return this.byAction.get(action) ?? this.latest;
  }
}
