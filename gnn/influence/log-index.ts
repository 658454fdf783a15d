/** Everything about an activity log that does not depend on the cutoff, computed once per training. */
import type { ActivityLog } from '../core/activity-log';
import { followIndex, groupByProduct, type ProductGroups } from './ground-truth';

export interface LogIndex {
  log: ActivityLog;
  groups: ProductGroups;
  follows: Map<number, number>;
}

export function indexLog(log: ActivityLog): LogIndex {
  return { log, groups: groupByProduct(log), follows: followIndex(log) };
}
