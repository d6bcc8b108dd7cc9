/** The fetch stage: HTTP, retries, per-host politeness, robots.txt. */
export {
  classifyFailure,
  closeSharedDispatcher,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  type FetchOptions,
  type FetchResult,
  fetchUrl,
  isRetryableStatus,
  parseRetryAfter,
  sharedDispatcher,
} from './http.js';
export { DEFAULT_HOST_DELAY_MS, DEFAULT_PER_HOST, HostScheduler, type HostSchedulerOptions, hostKey } from './politeness.js';
export { DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS, DEFAULT_RETRIES, fetchWithRetry, nextRetryDelay, type RetryOptions, type RetryPolicy } from './retry.js';
export {
  parseRobots,
  productToken,
  ROBOTS_MAX_BYTES,
  ROBOTS_PRODUCT_TOKEN,
  Robots,
  RobotsCache,
  type RobotsCacheOptions,
  type RobotsEntry,
  type RobotsFetch,
} from './robots.js';
